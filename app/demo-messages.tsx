/**
 * The demo app's own words (its header, home page and Settings heading), in
 * the languages the package ships, so a page never mixes two languages. The
 * Linked accounts section brings its own catalog; this is only the app around it.
 */
import type { ReactNode } from "react";

/** Every word of the demo app around the Linked accounts section. */
export interface DemoMessages {
  readonly appName: string;
  readonly description: string;
  readonly skipToContent: string;
  readonly mainNavigation: string;
  readonly settings: string;
  readonly signIn: string;
  readonly signOut: string;
  readonly welcomeBack: string;
  /** "Signed in as <strong>Olivia Owner</strong> (owner@example.com)." */
  readonly signedInAs: (name: ReactNode, email: ReactNode) => ReactNode;
  readonly signedOutIntro: string;
  readonly profile: string;
}

const en: DemoMessages = {
  appName: "Account linking",
  description: "Link your other sign-ins to one account.",
  skipToContent: "Skip to content",
  mainNavigation: "Main",
  settings: "Settings",
  signIn: "Sign in",
  signOut: "Sign out",
  welcomeBack: "Welcome back",
  signedInAs: (name, email) => <>Signed in as {name}{email}.</>,
  signedOutIntro: "Sign in, then link your GitHub or Google sign-in to your account from Settings.",
  profile: "Profile",
};

const de: DemoMessages = {
  appName: "Kontoverknüpfung",
  description: "Verknüpfen Sie Ihre anderen Anmeldungen mit einem Konto.",
  skipToContent: "Zum Inhalt springen",
  mainNavigation: "Hauptnavigation",
  settings: "Einstellungen",
  signIn: "Anmelden",
  signOut: "Abmelden",
  welcomeBack: "Willkommen zurück",
  signedInAs: (name, email) => <>Angemeldet als {name}{email}.</>,
  signedOutIntro: "Melden Sie sich an und verknüpfen Sie dann in den Einstellungen Ihre Anmeldung mit GitHub oder Google mit Ihrem Konto.",
  profile: "Profil",
};

const fr: DemoMessages = {
  appName: "Association de comptes",
  description: "Associez vos autres modes de connexion à un seul compte.",
  skipToContent: "Aller au contenu",
  mainNavigation: "Navigation principale",
  settings: "Paramètres",
  signIn: "Se connecter",
  signOut: "Se déconnecter",
  welcomeBack: "Bon retour parmi nous",
  signedInAs: (name, email) => <>Session ouverte en tant que {name}{email}.</>,
  signedOutIntro: "Connectez-vous, puis associez votre connexion GitHub ou Google à votre compte depuis les paramètres.",
  profile: "Profil",
};

const es: DemoMessages = {
  appName: "Vinculación de cuentas",
  description: "Vincula tus otros inicios de sesión a una sola cuenta.",
  skipToContent: "Saltar al contenido",
  mainNavigation: "Navegación principal",
  settings: "Configuración",
  signIn: "Iniciar sesión",
  signOut: "Cerrar sesión",
  welcomeBack: "Hola de nuevo",
  signedInAs: (name, email) => <>Sesión iniciada como {name}{email}.</>,
  signedOutIntro: "Inicia sesión y, después, vincula tu inicio de sesión de GitHub o Google a tu cuenta desde Configuración.",
  profile: "Perfil",
};

const DEMO_MESSAGES: Readonly<Record<string, DemoMessages>> = { en, de, fr, es };

/** The demo's words for `locale` (one `accountLinking.chooseLocale` returned), English for any other. */
export function demoMessages(locale: string): DemoMessages {
  return DEMO_MESSAGES[locale] ?? en;
}
