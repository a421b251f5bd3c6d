/**
 * Français, au vouvoiement. Termes : un mode de connexion (sign-in) appartient
 * à un compte ; on l’associe et on le dissocie ; la connexion principale ne
 * peut pas être dissociée. Typographie : espace fine insécable avant « ? » et
 * « ; », espace insécable avant « : », guillemets français autour des noms de boutons.
 */
import type { Messages, OutcomeParams } from "./catalog";

/** Espace insécable (avant « : ») et espace fine insécable (avant « ? » et « ; »). */
const NBSP = "\u00a0";
const NNBSP = "\u202f";

/** « GitHub (owner.github@example.com) », « GitHub » ou `fallback`. */
function named(params: OutcomeParams, fallback: string): string {
  if (params.connection && params.account) return `${params.connection} (${params.account})`;
  return params.connection ?? fallback;
}

/** Le bouton « Associer GitHub », ou sans nom « le bouton d’association correspondant ». */
function linkButton(connection: string | undefined): string {
  return connection ? `«${NBSP}Associer ${connection}${NBSP}»` : "le bouton d\u2019association correspondant";
}

const UNAVAILABLE = "Le service de connexion ne répond pas pour le moment, rien n\u2019a donc été modifié. Veuillez réessayer dans quelques minutes.";
const REFUSED_NEXT = `Veuillez réessayer plus tard${NNBSP}; si le problème persiste, contactez l\u2019assistance de cette application.`;

/** Le catalogue français. */
export const fr: Messages = {
  connections: { password: "E-mail et mot de passe", emailCode: "Code par e-mail", textMessage: "SMS" },
  section: {
    heading: "Comptes associés",
    intro: "Les modes de connexion qui ouvrent ce compte. Votre connexion principale ne peut pas être dissociée.",
    loading: "Chargement de vos modes de connexion\u2026",
  },
  identities: {
    primary: "Principale",
    unlink: "Dissocier",
    unlinkLabel: ({ connection, account }) => `Dissocier ${connection} (${account})`,
  },
  unlinkConfirmation: {
    heading: ({ connection, account }) => `Dissocier ${connection} (${account})${NNBSP}?`,
    consequence: ({ connection, account }) =>
      `Vous ne pourrez plus vous connecter à ce compte avec ${connection} (${account}). Une connexion avec ce mode ouvrira alors un compte distinct. Vous pourrez l\u2019associer de nouveau à tout moment.`,
    remaining: ({ signIns }) => `Vous pourrez toujours vous connecter avec ${signIns}.`,
    remainingSignIn: ({ connection, account }) => `${connection} (${account})`,
    signInAgainFirst:
      "Comme votre connexion date un peu, il vous sera d\u2019abord demandé de vous reconnecter. Vous reviendrez ensuite ici pour confirmer.",
    cancel: "Annuler",
  },
  linkAnother: {
    heading: "Associer un autre compte",
    intro: ({ signInAgainFirst }) =>
      signInAgainFirst
        ? "Vous vous connecterez une fois avec l\u2019autre compte. Ensuite, chacune des deux connexions ouvrira ce compte. Comme votre connexion date un peu, il vous sera d\u2019abord demandé de vous reconnecter."
        : "Vous vous connecterez une fois avec l\u2019autre compte. Ensuite, chacune des deux connexions ouvrira ce compte.",
    button: ({ connection }) => `Associer ${connection}`,
  },
  continueLink: {
    title: ({ connection }) => `Poursuivre l\u2019association de ${connection}`,
    signInAgainFirst:
      "Comme votre connexion date un peu, il vous sera d\u2019abord demandé de vous reconnecter. Vous vous connecterez ensuite avec le compte à associer.",
    nextSuggested: ({ connection, account }) =>
      `Votre identité est confirmée. Connectez-vous maintenant avec ${connection} en tant que ${account} pour l\u2019associer.`,
    next: ({ connection }) => `Votre identité est confirmée. Connectez-vous maintenant avec ${connection}, en utilisant le compte que vous voulez associer.`,
    cancel: "Annuler",
  },
  suggestions: {
    heading: "Comptes suggérés",
    intro: "Ces modes de connexion utilisent votre adresse e-mail vérifiée. Pour en associer un, vous vous connecterez une fois avec lui.",
    account: ({ connection, account }) => `Vous avez aussi une connexion ${connection} en tant que ${account}`,
    button: "Associer ce compte",
    buttonLabel: ({ connection, account }) => `Associer ce compte${NBSP}: ${connection} (${account})`,
  },
  identityInUse: {
    heading: ({ connection }) => (connection ? `Transférer votre connexion ${connection} vers ce compte` : "Transférer cette connexion vers ce compte"),
    explanation: ({ connection }) =>
      `${connection ? `La connexion ${connection} que vous venez d\u2019utiliser` : "La connexion que vous venez d\u2019utiliser"} appartient à un autre compte de cette application, et une connexion ne peut appartenir qu\u2019à un seul compte. Pour l\u2019utiliser ici${NBSP}:`,
    signInThere: ({ connection }) => `Connectez-vous avec ${connection ?? "cette connexion"}. Cela ouvre l\u2019autre compte.`,
    unlinkThere: ({ connection }) => `Dans les paramètres de ce compte, dissociez ${connection ?? "cette connexion"}, puis déconnectez-vous.`,
    linkHere: ({ connection }) => `Reconnectez-vous à ce compte et choisissez ${linkButton(connection)}.`,
    button: ({ connection }) => `Se connecter avec ${connection}`,
    buttonNote: "Cela met fin à votre session dans ce compte.",
  },
  link: {
    linked: (p) => `Compte associé${NBSP}: ${named(p, "l\u2019autre compte")}. Vous pouvez désormais l\u2019utiliser pour vous connecter.`,
    same_account: () =>
      "Le compte utilisé pour vous connecter est celui que vous utilisez déjà, il n\u2019y avait donc rien à associer. Pour associer une autre connexion, choisissez le bouton correspondant ci-dessous et connectez-vous avec l\u2019autre compte, pas avec celui-ci.",
    already_linked: (p) =>
      p.connection
        ? `Cette connexion ${p.connection} est déjà associée à votre compte${NNBSP}; vous n\u2019avez rien à faire, vous pouvez déjà l\u2019utiliser pour vous connecter.`
        : `Le compte utilisé pour vous connecter est déjà associé au vôtre${NNBSP}; vous n\u2019avez rien à faire, vous pouvez déjà l\u2019utiliser pour vous connecter.`,
    identity_in_use: (p) =>
      `${p.connection ? `Cette connexion ${p.connection}` : "Cette connexion"} appartient déjà à un autre compte de cette application, elle n\u2019a donc pas pu être associée au vôtre. Pour la transférer ici, connectez-vous avec elle, dissociez-la dans les paramètres de cet autre compte, puis revenez l\u2019associer.`,
    email_unverified: (p) =>
      `L\u2019adresse e-mail ${p.connection ? `de la connexion ${p.connection}` : "de l\u2019autre compte"} n\u2019est pas vérifiée, rien n\u2019a donc été associé. Confirmez l\u2019adresse grâce au lien de l\u2019e-mail de vérification envoyé à ce compte, puis choisissez de nouveau ${linkButton(p.connection)}.`,
    transaction_invalid: () =>
      "Cette tentative d\u2019association n\u2019est pas valide (elle a déjà servi, a été modifiée ou a commencé dans un autre navigateur), rien n\u2019a donc été associé. Veuillez recommencer.",
    transaction_expired: () =>
      "Cette tentative d\u2019association a pris trop de temps et a expiré, rien n\u2019a donc été associé. Choisissez de nouveau le bouton correspondant ci-dessous et terminez l\u2019autre connexion en quelques minutes.",
    wrong_user: () =>
      "Cette tentative d\u2019association n\u2019a pas été lancée par vous dans ce navigateur, rien n\u2019a donc été associé à votre compte. Pour associer l\u2019un de vos comptes, choisissez le bouton correspondant ci-dessous.",
    cancelled: () => "Vous avez annulé la connexion, rien n\u2019a donc été associé. Pour associer le compte malgré tout, choisissez de nouveau son bouton.",
    provider_error: () => "L\u2019autre connexion n\u2019a pas abouti, rien n\u2019a donc été associé. Veuillez réessayer.",
    verification_failed: () => "L\u2019autre connexion n\u2019a pas pu être vérifiée, rien n\u2019a donc été associé. Veuillez réessayer.",
    connection_not_offered: () => "Ce type de compte ne peut pas être associé ici. Choisissez plutôt l\u2019un des boutons ci-dessous.",
    session_expired: () => "Votre connexion a expiré, rien n\u2019a donc été associé. Veuillez vous déconnecter, vous reconnecter, puis réessayer.",
    auth0_refused: () => `Le service de connexion a refusé d\u2019associer ces comptes, rien n\u2019a donc été modifié. ${REFUSED_NEXT}`,
    rate_limited: ({ wait }) => `Trop de tentatives pour le moment, rien n\u2019a donc été associé. ${wait}`,
    throttled: ({ wait }) => `Trop de tentatives. ${wait}`,
    tenant_unavailable: () => UNAVAILABLE,
    linked_metadata_pending: (p) =>
      `Compte associé${NBSP}: ${named(p, "l\u2019autre compte")}. Vous pouvez désormais l\u2019utiliser pour vous connecter, mais certains de vos réglages de ce compte n\u2019ont pas encore pu être copiés${NNBSP}; l\u2019assistance peut les restaurer.`,
    metadata_unavailable: (p) =>
      `Les réglages ${p.connection ? `de votre connexion ${named(p, "")}` : "de l\u2019autre compte"} n\u2019ont pas pu être lus, et les associer maintenant les ferait perdre, rien n\u2019a donc été associé. Veuillez réessayer dans quelques minutes.`,
    unconfirmed: (p) =>
      `Le service de connexion a cessé de répondre pendant l\u2019association, nous ne pouvons donc pas confirmer si ${p.connection ? `votre connexion ${named(p, "")} a été associée` : "votre autre compte a été associé"}. Rechargez cette page dans un instant pour voir vos comptes associés.`,
    different_account: () =>
      "Le compte utilisé pour vous connecter n\u2019est pas celui qui était suggéré, rien n\u2019a donc été associé. Pour associer le compte suggéré, réessayez et connectez-vous avec ce compte-là.",
    suggestion_invalid: () => "Ce compte suggéré n\u2019a pas pu être associé de cette façon, rien n\u2019a donc été modifié. Rechargez cette page et réessayez.",
    sign_in_too_old: () =>
      `Votre connexion est trop ancienne pour ajouter un mode de connexion, rien n\u2019a donc été associé. Choisissez de nouveau le compte à associer${NBSP}: il vous sera d\u2019abord demandé de vous reconnecter.`,
    reauthenticated_as_other: () =>
      "Pour vous reconnecter, vous avez utilisé un autre compte que celui que vous utilisez ici, rien n\u2019a donc été modifié. Pour associer un compte, réessayez et connectez-vous avec le vôtre.",
    wrong_connection: () =>
      "Le compte utilisé pour vous connecter n\u2019est pas du type choisi, ou cette connexion appartient déjà à un autre compte, rien n\u2019a donc été associé. Réessayez en vous connectant avec un compte du type choisi.",
  },
  unlink: {
    unlinked: (p) => `Connexion dissociée${NBSP}: ${named(p, "votre compte")}. Vous ne pouvez plus l\u2019utiliser pour vous connecter.`,
    primary_identity: () => "Votre connexion principale ne peut pas être dissociée. Vous pouvez dissocier toute autre connexion de la liste ci-dessous.",
    identity_not_found: () =>
      "Cette connexion n\u2019est pas associée à votre compte (elle a peut-être déjà été dissociée). La liste ci-dessous montre les connexions associées actuellement.",
    invalid_identity: () =>
      "Cette demande ne désignait aucun compte associé, rien n\u2019a donc été modifié. Pour dissocier une connexion, choisissez «\u00a0Dissocier\u00a0» à côté d\u2019elle ci-dessous.",
    session_expired: () => "Votre connexion a expiré, rien n\u2019a donc été dissocié. Veuillez vous déconnecter, vous reconnecter, puis réessayer.",
    auth0_refused: () => `Le service de connexion a refusé de dissocier ce compte, rien n\u2019a donc été modifié. ${REFUSED_NEXT}`,
    rate_limited: ({ wait }) => `Trop de tentatives pour le moment, rien n\u2019a donc été dissocié. ${wait}`,
    throttled: ({ wait }) => `Trop de tentatives. ${wait}`,
    tenant_unavailable: () => UNAVAILABLE,
    unconfirmed: () =>
      "Le service de connexion a cessé de répondre pendant la dissociation, nous ne pouvons donc pas confirmer qu\u2019elle a eu lieu. Rechargez cette page dans un instant pour voir vos comptes associés.",
  },
  readError: {
    rate_limited: ({ wait }) => `Trop de requêtes pour le moment. ${wait ?? "Veuillez réessayer dans un instant."}`,
    session_refused: () => "Votre connexion ne permet plus de lire vos comptes associés. Veuillez vous déconnecter, puis vous reconnecter.",
    app_refused: () => "Vos comptes associés ne peuvent pas être chargés pour le moment. Veuillez réessayer plus tard.",
    not_found: () => "Votre compte est introuvable. Veuillez vous déconnecter, puis vous reconnecter.",
    unavailable: () => "Le service de connexion ne répond pas pour le moment. Veuillez réessayer dans quelques minutes.",
    failed: () => "Vos comptes associés n\u2019ont pas pu être chargés. Veuillez réessayer.",
  },
  report: {
    explain: {
      heading: "Sécuriser votre compte",
      willRemove: ({ connection, account }) =>
        `Nous retirons tout de suite de votre compte la connexion ${connection}${account ? ` ${account}` : ""}, pour que personne ne puisse plus s'en servir pour se connecter à votre place.`,
      thenSignIn: "Ensuite, vous vous reconnectez avec votre propre connexion, et nous fermons toutes les sessions de votre compte : sur tous les appareils, dans cette application et auprès du service de connexion.",
      wasRemoved: ({ connection, account }) =>
        `La connexion ${connection}${account ? ` ${account}` : ""} a été retirée de votre compte. Si ce n'était pas vous, quelqu'un d'autre est peut-être connecté à votre place.`,
      signInToEnd: "Reconnectez-vous avec votre propre connexion, et nous fermons toutes les sessions de votre compte : sur tous les appareils, dans cette application et auprès du service de connexion. Rien n'est associé de nouveau.",
      button: "Me reconnecter pour sécuriser mon compte",
    },
    result: {
      secured: "Votre compte est sécurisé",
      partlySecured: "Votre compte est en partie sécurisé",
      whatWasDone: "Ce qui a été fait",
      whatToDoNext: "Et maintenant",
      notDone: "Non fait :",
      removed: ({ connection, account }) => `La connexion ${connection}${account ? ` ${account}` : ""} a été retirée de votre compte.`,
      noLongerLinked: ({ connection, account }) => `La connexion ${connection}${account ? ` ${account}` : ""} n'était plus associée à votre compte.`,
      notRemoved: ({ connection, account }) =>
        `Impossible de retirer la connexion ${connection}${account ? ` ${account}` : ""} : retirez-la dans Paramètres → Comptes associés.`,
      appSignedOut: "Vous avez été déconnecté de cette application partout.",
      appNotSignedOut: "Impossible de vous déconnecter de cette application sur tous les appareils.",
      auth0Ended: "Vos sessions auprès du service de connexion ont été fermées.",
      auth0NotEnded: "Impossible de fermer vos sessions auprès du service de connexion (l'offre ou les réglages de l'application ne le permettent peut-être pas).",
      refreshRevoked: "L'accès durable de l'application à votre compte a été révoqué.",
      refreshNotRevoked: "Impossible de révoquer l'accès durable de l'application à votre compte.",
      changePassword: "Changez votre mot de passe, ainsi que celui de la messagerie où ce message est arrivé.",
      checkSignIns: "Reconnectez-vous et vérifiez Paramètres → Comptes associés : retirez toute autre connexion que vous ne reconnaissez pas.",
      tellSupport: "Signalez au support de l'application ce qui n'a pas pu être fait.",
      signInAgain: "Se reconnecter",
    },
    refused: {
      invalid: {
        heading: "Ce lien ne fonctionne pas",
        text: "Le lien est incomplet ou a été modifié, donc rien n'a été fait.",
        next: "Ouvrez le lien exactement tel qu'il figure dans l'e-mail. Si vous n'avez pas reçu un tel e-mail, vous n'avez rien à faire.",
      },
      expired: {
        heading: "Ce lien a expiré",
        text: "Les liens de ces e-mails sont valables 7 jours, donc rien n'a été fait.",
        next: "Si vous ne reconnaissez toujours pas la modification, connectez-vous, ouvrez Paramètres → Comptes associés, retirez toute connexion inconnue et changez votre mot de passe.",
      },
      used: {
        heading: "Ce lien a déjà servi",
        text: "Votre compte a déjà été sécurisé avec ce lien, donc rien de plus n'a été fait.",
        next: "Connectez-vous et vérifiez Paramètres → Comptes associés. Si quelque chose semble encore anormal, changez votre mot de passe.",
      },
      unavailable: {
        heading: "Cette application ne peut pas sécuriser votre compte d'ici",
        text: "L'application n'est pas configurée pour retirer des connexions ou fermer des sessions elle-même, donc rien n'a été fait.",
        next: "Connectez-vous, ouvrez Paramètres → Comptes associés, retirez toute connexion inconnue, changez votre mot de passe et prévenez le support de l'application.",
      },
      signed_in_as_other: {
        heading: "Ce n'était pas la connexion propre au compte",
        text: "Vous vous êtes connecté avec un autre compte, peut-être la connexion signalée, donc rien de plus n'a été fait. La connexion signalée a déjà été retirée du compte.",
        next: "Rouvrez le lien de l'e-mail pour recommencer, puis connectez-vous avec votre propre e-mail et mot de passe (ou votre connexion habituelle).",
      },
      cancelled: {
        heading: "Vous avez annulé la connexion",
        text: "Sans votre connexion, vos autres sessions n'ont pas été fermées.",
        next: "Rouvrez le lien de l'e-mail pour recommencer.",
      },
      sign_in_failed: {
        heading: "La connexion n'a pas abouti",
        text: "Votre connexion n'a pas pu être menée à bien ou vérifiée, donc vos autres sessions n'ont pas été fermées.",
        next: "Rouvrez le lien de l'e-mail pour recommencer.",
      },
      attempt_invalid: {
        heading: "Cette tentative n'est pas valable",
        text: "Elle a déjà servi, a été modifiée ou a commencé dans un autre navigateur, donc rien de plus n'a été fait.",
        next: "Rouvrez le lien de l'e-mail pour recommencer.",
      },
      attempt_expired: {
        heading: "Cette tentative a pris trop de temps",
        text: "Elle a expiré avant votre connexion, donc vos autres sessions n'ont pas été fermées.",
        next: "Rouvrez le lien de l'e-mail pour recommencer.",
      },
      tenant_unavailable: {
        heading: "Le service de connexion ne répond pas",
        text: "Rien de plus n'a pu être fait pour l'instant.",
        next: "Attendez quelques minutes, puis rouvrez le lien de l'e-mail pour recommencer.",
      },
    },
  },
  notice: {
    subject: {
      linked: ({ app }) => `${app} : une connexion a été ajoutée à votre compte`,
      unlinked: ({ app }) => `${app} : une connexion a été retirée de votre compte`,
    },
    change: {
      linked: ({ connection, account }) => `Une connexion ${connection}${account ? ` (${account})` : ""} a été ajoutée à votre compte.`,
      unlinked: ({ connection, account }) => `Une connexion ${connection}${account ? ` (${account})` : ""} a été retirée de votre compte.`,
    },
    whenLabel: "Quand",
    browserLabel: "Navigateur",
    browser: {
      both: ({ browser, system }) => `${browser} sous ${system}`,
      browserOnly: ({ browser }) => `${browser}, système inconnu`,
      systemOnly: ({ system }) => `un navigateur sous ${system}`,
      unknown: "un navigateur inconnu",
    },
    ifItWasYou: "Si c'était vous, vous n'avez rien à faire.",
    button: "Ce n'était pas moi",
    whatTheButtonDoes: {
      linked: ({ connection }) =>
        `Si ce n'était pas vous, appuyez sur « Ce n'était pas moi » : nous retirons tout de suite cette connexion ${connection} de votre compte, puis, une fois que vous vous êtes reconnecté vous-même, nous déconnectons votre compte partout.`,
      unlinked: "Si ce n'était pas vous, appuyez sur « Ce n'était pas moi » : une fois que vous vous êtes reconnecté vous-même, nous déconnectons votre compte partout, pour que l'auteur de ce changement n'y ait plus accès.",
    },
    linkFallback: "Si le bouton ne fonctionne pas, ouvrez cette adresse :",
    footer: ({ app }) => `${app} envoie ce message chaque fois que les moyens de vous connecter à votre compte changent, pour que vous puissiez annuler un changement que vous n'avez pas fait.`,
  },
  prompt: {
    heading: "Vous avez déjà un compte",
    found: ({ connection }) => `Vous vous êtes connecté avec ${connection}. Un compte avec la même adresse e-mail existe déjà${NBSP}:`,
    existingLabel: "Le compte existant",
    existing: ({ connection, account }) => `${connection}, ${account}`,
    explainLink: ({ connection, account }) =>
      `Associer les comptes${NBSP}: connectez-vous une fois de plus, avec ${connection} en tant que ${account}, pour prouver que le compte est à vous. Ensuite, les deux connexions ouvrent le même compte, et vous y restez connecté.`,
    explainKeep: "Garder séparés\u00a0: les comptes restent distincts et nous ne vous le demanderons plus. Vous pourrez toujours les associer plus tard dans Paramètres → Comptes associés.",
    link: "Associer les comptes",
    keep: "Garder séparés",
    nothing: "Il n\u2019y a rien à associer pour le moment.",
    continue: "Continuer",
    outcome: {
      different_account: () => "Vous vous êtes connecté avec un autre compte, rien n\u2019a donc été associé. Pour associer, connectez-vous avec le compte existant affiché ici.",
      cancelled: () => "Vous avez annulé la connexion, rien n\u2019a donc été associé.",
      expired: () => "Cette proposition a expiré ou a déjà été utilisée, rien n\u2019a donc été associé. Reconnectez-vous pour la revoir.",
      sign_in_failed: () => "La connexion n\u2019a pas pu être terminée ou vérifiée, rien n\u2019a donc été associé. Veuillez réessayer.",
      unavailable: () => "Le service de connexion n\u2019a pas répondu, rien n\u2019a donc été modifié. Veuillez réessayer dans quelques minutes.",
      refused: () => `Le service de connexion a refusé d\u2019associer ces comptes, rien n\u2019a donc été modifié. ${REFUSED_NEXT}`,
      rate_limited: ({ wait }) => `Il y a eu trop de tentatives, rien n\u2019a donc été modifié. ${wait}`,
      identity_in_use: () => "Cette connexion appartient déjà à un autre compte, rien n\u2019a donc été associé.",
      not_saved: ({ wait }) => `Votre choix n\u2019a pas pu être enregistré, nous vous le redemanderons donc peut-être la prochaine fois. ${wait}`,
    },
  },
  routes: { notFromThisSite: "Cette demande ne provient pas des pages de ce site, rien n\u2019a donc été modifié." },
  wait: {
    moment: "Veuillez patienter un instant, puis réessayer.",
    seconds: { one: (n) => `Veuillez réessayer dans ${n}${NBSP}seconde.`, other: (n) => `Veuillez réessayer dans ${n}${NBSP}secondes.` },
  },
};
