/**
 * Español, tuteando, como la mayoría de las aplicaciones en español.
 * Términos: un método de inicio de sesión pertenece a una cuenta; se vincula y
 * se desvincula; el inicio de sesión principal no se puede desvincular. Las
 * preguntas llevan signo de apertura («¿…?»).
 */
import type { Messages, OutcomeParams } from "./catalog";

/** «GitHub (owner.github@example.com)», «GitHub» o `fallback`. */
function named(params: OutcomeParams, fallback: string): string {
  if (params.connection && params.account) return `${params.connection} (${params.account})`;
  return params.connection ?? fallback;
}

/** El botón «Vincular GitHub», o sin nombre «su botón Vincular». */
function linkButton(connection: string | undefined): string {
  return connection ? `«Vincular ${connection}»` : "su botón para vincular";
}

const UNAVAILABLE = "El servicio de inicio de sesión no responde en este momento, así que no se ha cambiado nada. Vuelve a intentarlo en unos minutos.";
const REFUSED_NEXT = "Vuelve a intentarlo más tarde; si sigue ocurriendo, ponte en contacto con el soporte de esta aplicación.";

/** El catálogo en español. */
export const es: Messages = {
  connections: { password: "Correo electrónico y contraseña", emailCode: "Código por correo", textMessage: "Mensaje de texto (SMS)" },
  section: {
    heading: "Cuentas vinculadas",
    intro: "Las formas en que puedes iniciar sesión en esta cuenta. Tu inicio de sesión principal no se puede desvincular.",
    loading: "Cargando tus métodos de inicio de sesión\u2026",
  },
  identities: {
    primary: "Principal",
    unlink: "Desvincular",
    unlinkLabel: ({ connection, account }) => `Desvincular ${connection} (${account})`,
  },
  unlinkConfirmation: {
    heading: ({ connection, account }) => `¿Desvincular ${connection} (${account})?`,
    consequence: ({ connection, account }) =>
      `Ya no podrás iniciar sesión en esta cuenta con ${connection} (${account}). Si inicias sesión con él, se abrirá una cuenta distinta. Puedes volver a vincularlo cuando quieras.`,
    remaining: ({ signIns }) => `Seguirás pudiendo iniciar sesión con ${signIns}.`,
    remainingSignIn: ({ connection, account }) => `${connection} (${account})`,
    signInAgainFirst: "Como iniciaste sesión hace un rato, primero se te pedirá que vuelvas a iniciarla. Después volverás aquí para confirmar.",
    cancel: "Cancelar",
  },
  linkAnother: {
    heading: "Vincular otra cuenta",
    intro: ({ signInAgainFirst }) =>
      signInAgainFirst
        ? "Iniciarás sesión una vez con la otra cuenta. A partir de entonces, cualquiera de los dos inicios de sesión abrirá esta cuenta. Como iniciaste sesión hace un rato, antes se te pedirá que vuelvas a iniciarla."
        : "Iniciarás sesión una vez con la otra cuenta. A partir de entonces, cualquiera de los dos inicios de sesión abrirá esta cuenta.",
    button: ({ connection }) => `Vincular ${connection}`,
  },
  continueLink: {
    title: ({ connection }) => `Continuar vinculando ${connection}`,
    signInAgainFirst: "Como iniciaste sesión hace un rato, primero se te pedirá que vuelvas a iniciarla. Después iniciarás sesión con la cuenta que quieres vincular.",
    nextSuggested: ({ connection, account }) => `Ya confirmaste que eres tú. Ahora inicia sesión con ${connection} como ${account} para vincularla.`,
    next: ({ connection }) => `Ya confirmaste que eres tú. Ahora inicia sesión con ${connection}, con la cuenta que quieres vincular.`,
    cancel: "Cancelar",
  },
  suggestions: {
    heading: "Cuentas sugeridas",
    intro: "Estos inicios de sesión usan tu dirección de correo verificada. Para vincular uno, iniciarás sesión con él una vez.",
    account: ({ connection, account }) => `También tienes un inicio de sesión con ${connection} como ${account}`,
    button: "Vincular esta cuenta",
    buttonLabel: ({ connection, account }) => `Vincular esta cuenta: ${connection} (${account})`,
  },
  identityInUse: {
    heading: ({ connection }) => (connection ? `Trae tu inicio de sesión con ${connection} a esta cuenta` : "Trae ese inicio de sesión a esta cuenta"),
    explanation: ({ connection }) =>
      `${connection ? `El inicio de sesión con ${connection} que acabas de usar` : "El inicio de sesión que acabas de usar"} pertenece a otra cuenta de esta aplicación, y cada inicio de sesión solo puede pertenecer a una cuenta. Para usarlo aquí:`,
    signInThere: ({ connection }) => `Inicia sesión con ${connection ?? "ese inicio de sesión"}. Así se abrirá la otra cuenta.`,
    unlinkThere: ({ connection }) => `En la configuración de esa cuenta, desvincula ${connection ?? "ese inicio de sesión"} y cierra la sesión.`,
    linkHere: ({ connection }) => `Vuelve a iniciar sesión en esta cuenta y elige ${linkButton(connection)}.`,
    button: ({ connection }) => `Iniciar sesión con ${connection}`,
    buttonNote: "Así se cerrará tu sesión en esta cuenta.",
  },
  link: {
    linked: (p) => (p.connection ? `Vinculado: ${named(p, "")}. Ya puedes iniciar sesión con él.` : "Se vinculó la otra cuenta. Ya puedes iniciar sesión con ella."),
    same_account: () =>
      "Iniciaste sesión con la cuenta que ya estás usando, así que no había nada que vincular. Para vincular otro inicio de sesión, elige su botón más abajo e inicia sesión con la otra cuenta, no con esta.",
    already_linked: (p) =>
      p.connection
        ? `Ese inicio de sesión con ${p.connection} ya está vinculado a tu cuenta, así que no tienes que hacer nada: ya puedes iniciar sesión con él.`
        : "La cuenta con la que iniciaste sesión ya está vinculada a la tuya, así que no tienes que hacer nada: ya puedes iniciar sesión con ella.",
    identity_in_use: (p) =>
      `${p.connection ? `Ese inicio de sesión con ${p.connection}` : "Ese inicio de sesión"} ya pertenece a otra cuenta de esta aplicación, por eso no se pudo vincular a la tuya. Para traerlo aquí, inicia sesión con él, desvincúlalo en la configuración de esa cuenta y luego vuelve para vincularlo.`,
    email_unverified: (p) =>
      `La dirección de correo ${p.connection ? `del inicio de sesión con ${p.connection}` : "de la otra cuenta"} no está verificada, así que no se vinculó. Confirma la dirección con el enlace del correo de verificación que recibió esa cuenta y vuelve a elegir ${linkButton(p.connection)}.`,
    transaction_invalid: () =>
      "Este intento de vinculación no es válido (ya se usó, se modificó o se inició en otro navegador), así que no se vinculó nada. Vuelve a empezar.",
    transaction_expired: () =>
      "Este intento de vinculación tardó demasiado y caducó, así que no se vinculó nada. Vuelve a elegir el botón de la cuenta más abajo y termina el otro inicio de sesión en pocos minutos.",
    wrong_user: () =>
      "No iniciaste este intento de vinculación en este navegador, así que no se vinculó nada a tu cuenta. Para vincular una de tus cuentas, elige su botón más abajo.",
    cancelled: () => "Cancelaste el inicio de sesión, así que no se vinculó nada. Si quieres vincular la cuenta, vuelve a elegir su botón.",
    provider_error: () => "El otro inicio de sesión no se completó, así que no se vinculó nada. Vuelve a intentarlo.",
    verification_failed: () => "No se pudo verificar el otro inicio de sesión, así que no se vinculó nada. Vuelve a intentarlo.",
    connection_not_offered: () => "Ese tipo de cuenta no se puede vincular aquí. Elige uno de los botones de más abajo.",
    session_expired: () => "Tu sesión caducó, así que no se vinculó nada. Cierra la sesión, vuelve a iniciarla y reinténtalo.",
    auth0_refused: () => `El servicio de inicio de sesión rechazó vincular estas cuentas, así que no se ha cambiado nada. ${REFUSED_NEXT}`,
    rate_limited: ({ wait }) => `Hay demasiados intentos en este momento, así que no se vinculó nada. ${wait}`,
    throttled: ({ wait }) => `Demasiados intentos. ${wait}`,
    tenant_unavailable: () => UNAVAILABLE,
    linked_metadata_pending: (p) =>
      `${p.connection ? `Vinculado: ${named(p, "")}.` : "Se vinculó la otra cuenta."} Ya puedes iniciar sesión con él, pero algunos de tus ajustes de esa cuenta aún no se pudieron copiar; el equipo de soporte puede restaurarlos.`,
    metadata_unavailable: (p) =>
      `No se pudieron leer los ajustes ${p.connection ? `de tu inicio de sesión con ${named(p, "")}` : "de la otra cuenta"}, y vincular ahora haría que se perdieran, así que no se vinculó nada. Vuelve a intentarlo en unos minutos.`,
    unconfirmed: (p) =>
      `El servicio de inicio de sesión dejó de responder durante la vinculación, así que no podemos confirmar si se vinculó ${p.connection ? `tu inicio de sesión con ${named(p, "")}` : "tu otra cuenta"}. Recarga esta página en un momento para ver tus cuentas vinculadas.`,
    different_account: () =>
      "Iniciaste sesión con una cuenta distinta de la sugerida, así que no se vinculó nada. Para vincular la cuenta sugerida, vuelve a intentarlo e inicia sesión con esa cuenta.",
    suggestion_invalid: () => "Esa cuenta sugerida no se pudo vincular de esta forma, así que no se ha cambiado nada. Recarga esta página y vuelve a intentarlo.",
    sign_in_too_old: () =>
      "Iniciaste sesión hace demasiado tiempo para añadir otra forma de iniciar sesión, así que no se vinculó nada. Vuelve a elegir la cuenta que quieres vincular: primero se te pedirá que inicies sesión de nuevo.",
    reauthenticated_as_other: () =>
      "Volviste a iniciar sesión con una cuenta distinta de la que usas aquí, así que no se ha cambiado nada. Para vincular una cuenta, vuelve a intentarlo e inicia sesión con la tuya.",
    wrong_connection: () =>
      "La cuenta con la que iniciaste sesión no es del tipo que elegiste, o ese inicio de sesión ya pertenece a otra cuenta, así que no se vinculó nada. Vuelve a intentarlo e inicia sesión con una cuenta del tipo elegido.",
  },
  unlink: {
    unlinked: (p) => (p.connection ? `Desvinculado: ${named(p, "")}. Ya no puedes iniciar sesión con él.` : "Se desvinculó la cuenta. Ya no puedes iniciar sesión con ella."),
    primary_identity: () => "Tu inicio de sesión principal no se puede desvincular. Puedes desvincular cualquier otro de la lista de abajo.",
    identity_not_found: () => "Ese inicio de sesión no está vinculado a tu cuenta (puede que ya se haya desvinculado). La lista de abajo muestra los que están vinculados ahora.",
    invalid_identity: () => "Esa solicitud no indicaba ninguna cuenta vinculada, así que no se ha cambiado nada. Para desvincular un inicio de sesión, elige «Desvincular» junto a él más abajo.",
    session_expired: () => "Tu sesión caducó, así que no se desvinculó nada. Cierra la sesión, vuelve a iniciarla y reinténtalo.",
    auth0_refused: () => `El servicio de inicio de sesión rechazó desvincular esa cuenta, así que no se ha cambiado nada. ${REFUSED_NEXT}`,
    rate_limited: ({ wait }) => `Hay demasiados intentos en este momento, así que no se desvinculó nada. ${wait}`,
    throttled: ({ wait }) => `Demasiados intentos. ${wait}`,
    tenant_unavailable: () => UNAVAILABLE,
    unconfirmed: () =>
      "El servicio de inicio de sesión dejó de responder durante la desvinculación, así que no podemos confirmar si se desvinculó. Recarga esta página en un momento para ver tus cuentas vinculadas.",
  },
  readError: {
    rate_limited: ({ wait }) => `Hay demasiadas solicitudes en este momento. ${wait ?? "Vuelve a intentarlo en un momento."}`,
    session_refused: () => "Tu sesión ya no permite leer tus cuentas vinculadas. Cierra la sesión y vuelve a iniciarla.",
    app_refused: () => "No se pueden cargar tus cuentas vinculadas en este momento. Vuelve a intentarlo más tarde.",
    not_found: () => "No se encontró tu cuenta. Cierra la sesión y vuelve a iniciarla.",
    unavailable: () => "El servicio de inicio de sesión no responde en este momento. Vuelve a intentarlo en unos minutos.",
    failed: () => "No se pudieron cargar tus cuentas vinculadas. Vuelve a intentarlo.",
  },
  report: {
    explain: {
      heading: "Protege tu cuenta",
      willRemove: ({ connection, account }) =>
        `Quitaremos de tu cuenta ahora mismo el inicio de sesión con ${connection}${account ? ` ${account}` : ""}, para que nadie pueda volver a usarlo para entrar como tú.`,
      thenSignIn: "Después vuelves a iniciar sesión con tu propio método, y cerramos todas las sesiones de tu cuenta: en todos los dispositivos, en esta aplicación y en el servicio de inicio de sesión.",
      wasRemoved: ({ connection, account }) =>
        `El inicio de sesión con ${connection}${account ? ` ${account}` : ""} se quitó de tu cuenta. Si no fuiste tú, puede que otra persona haya entrado como tú.`,
      signInToEnd: "Vuelve a iniciar sesión con tu propio método, y cerramos todas las sesiones de tu cuenta: en todos los dispositivos, en esta aplicación y en el servicio de inicio de sesión. No se vuelve a vincular nada.",
      button: "Iniciar sesión para proteger mi cuenta",
    },
    result: {
      secured: "Tu cuenta está protegida",
      partlySecured: "Tu cuenta está protegida en parte",
      whatWasDone: "Qué se hizo",
      whatToDoNext: "Qué hacer ahora",
      notDone: "Sin hacer:",
      removed: ({ connection, account }) => `Se quitó de tu cuenta el inicio de sesión con ${connection}${account ? ` ${account}` : ""}.`,
      noLongerLinked: ({ connection, account }) => `El inicio de sesión con ${connection}${account ? ` ${account}` : ""} ya no estaba vinculado a tu cuenta.`,
      notRemoved: ({ connection, account }) =>
        `No se pudo quitar el inicio de sesión con ${connection}${account ? ` ${account}` : ""}: quítalo en Ajustes → Cuentas vinculadas.`,
      appSignedOut: "Se cerró tu sesión en esta aplicación en todas partes.",
      appNotSignedOut: "No se pudo cerrar tu sesión en esta aplicación en todos los dispositivos.",
      auth0Ended: "Se cerraron tus sesiones en el servicio de inicio de sesión.",
      auth0NotEnded: "No se pudieron cerrar tus sesiones en el servicio de inicio de sesión (puede que el plan o la configuración de la aplicación no lo permitan).",
      refreshRevoked: "Se revocó el acceso duradero de la aplicación a tu cuenta.",
      refreshNotRevoked: "No se pudo revocar el acceso duradero de la aplicación a tu cuenta.",
      changePassword: "Cambia tu contraseña y la de la cuenta de correo a la que llegó este mensaje.",
      checkSignIns: "Vuelve a iniciar sesión y revisa Ajustes → Cuentas vinculadas: quita cualquier otro inicio de sesión que no reconozcas.",
      tellSupport: "Cuéntale al soporte de la aplicación lo que no se pudo hacer.",
      signInAgain: "Volver a iniciar sesión",
    },
    refused: {
      invalid: {
        heading: "Este enlace no funciona",
        text: "El enlace está incompleto o se modificó, así que no se hizo nada.",
        next: "Abre el enlace tal como aparece en el correo. Si no recibiste un correo así, no tienes que hacer nada.",
      },
      expired: {
        heading: "Este enlace ha caducado",
        text: "Los enlaces de estos correos valen 7 días, así que no se hizo nada.",
        next: "Si sigues sin reconocer el cambio, inicia sesión, abre Ajustes → Cuentas vinculadas, quita cualquier inicio de sesión que no conozcas y cambia tu contraseña.",
      },
      used: {
        heading: "Este enlace ya se usó",
        text: "Tu cuenta ya se protegió con este enlace, así que no se hizo nada más.",
        next: "Inicia sesión y revisa Ajustes → Cuentas vinculadas. Si algo sigue pareciendo raro, cambia tu contraseña.",
      },
      unavailable: {
        heading: "Esta aplicación no puede proteger tu cuenta desde aquí",
        text: "La aplicación no está preparada para quitar inicios de sesión ni cerrar sesiones por sí misma, así que no se hizo nada.",
        next: "Inicia sesión, abre Ajustes → Cuentas vinculadas, quita cualquier inicio de sesión que no conozcas, cambia tu contraseña y avisa al soporte de la aplicación.",
      },
      signed_in_as_other: {
        heading: "Ese no era el inicio de sesión propio de la cuenta",
        text: "Iniciaste sesión con otra cuenta, quizá con el inicio de sesión denunciado, así que no se hizo nada más. El inicio de sesión denunciado ya se quitó de la cuenta.",
        next: "Vuelve a abrir el enlace del correo para empezar de nuevo. Después inicia sesión con tu propio correo y contraseña (o tu método habitual).",
      },
      cancelled: {
        heading: "Cancelaste el inicio de sesión",
        text: "Sin tu inicio de sesión, tus otras sesiones no se cerraron.",
        next: "Vuelve a abrir el enlace del correo para empezar de nuevo.",
      },
      sign_in_failed: {
        heading: "El inicio de sesión no funcionó",
        text: "No se pudo completar ni comprobar tu inicio de sesión, así que tus otras sesiones no se cerraron.",
        next: "Vuelve a abrir el enlace del correo para empezar de nuevo.",
      },
      attempt_invalid: {
        heading: "Este intento no es válido",
        text: "Ya se usó, se modificó o empezó en otro navegador, así que no se hizo nada más.",
        next: "Vuelve a abrir el enlace del correo para empezar de nuevo.",
      },
      attempt_expired: {
        heading: "Este intento tardó demasiado",
        text: "Caducó antes de que iniciaras sesión, así que tus otras sesiones no se cerraron.",
        next: "Vuelve a abrir el enlace del correo para empezar de nuevo.",
      },
      tenant_unavailable: {
        heading: "El servicio de inicio de sesión no responde",
        text: "Ahora mismo no se pudo hacer nada más.",
        next: "Espera unos minutos y vuelve a abrir el enlace del correo para empezar de nuevo.",
      },
    },
  },
  notice: {
    subject: {
      linked: ({ app }) => `${app}: se añadió un inicio de sesión a tu cuenta`,
      unlinked: ({ app }) => `${app}: se quitó un inicio de sesión de tu cuenta`,
    },
    change: {
      linked: ({ connection, account }) => `Se añadió a tu cuenta un inicio de sesión con ${connection}${account ? ` (${account})` : ""}.`,
      unlinked: ({ connection, account }) => `Se quitó de tu cuenta un inicio de sesión con ${connection}${account ? ` (${account})` : ""}.`,
    },
    whenLabel: "Cuándo",
    browserLabel: "Navegador",
    browser: {
      both: ({ browser, system }) => `${browser} en ${system}`,
      browserOnly: ({ browser }) => `${browser}, sistema desconocido`,
      systemOnly: ({ system }) => `un navegador en ${system}`,
      unknown: "un navegador desconocido",
    },
    ifItWasYou: "Si fuiste tú, no tienes que hacer nada.",
    button: "No fui yo",
    whatTheButtonDoes: {
      linked: ({ connection }) =>
        `Si no fuiste tú, pulsa «No fui yo»: quitamos ahora mismo este inicio de sesión con ${connection} de tu cuenta y, cuando vuelvas a iniciar sesión tú, cerramos la sesión de tu cuenta en todas partes.`,
      unlinked: "Si no fuiste tú, pulsa «No fui yo»: cuando vuelvas a iniciar sesión tú, cerramos la sesión de tu cuenta en todas partes, para que quien lo hizo se quede fuera.",
    },
    linkFallback: "Si el botón no funciona, abre esta dirección:",
    footer: ({ app }) => `${app} envía este mensaje cada vez que cambian las formas de iniciar sesión en tu cuenta, para que puedas deshacer un cambio que no hiciste.`,
  },
  prompt: {
    heading: "Ya tienes una cuenta",
    found: ({ connection }) => `Has iniciado sesión con ${connection}. Ya existe una cuenta con la misma dirección de correo electrónico:`,
    existingLabel: "La cuenta existente",
    existing: ({ connection, account }) => `${connection}, ${account}`,
    explainLink: ({ connection, account }) =>
      `Vincular cuentas: inicia sesión una vez más, con ${connection} como ${account}, para demostrar que la cuenta es tuya. Después, cualquiera de los dos inicios de sesión abre la misma cuenta, y sigues con la sesión iniciada en ella.`,
    explainKeep: "Mantener separadas: las cuentas siguen separadas y no volveremos a preguntar. Aún puedes vincularlas más tarde en Ajustes → Cuentas vinculadas.",
    link: "Vincular cuentas",
    keep: "Mantener separadas",
    nothing: "Ahora mismo no hay nada que vincular.",
    continue: "Continuar",
    outcome: {
      different_account: () => "Iniciaste sesión con otra cuenta, así que no se vinculó nada. Para vincular, inicia sesión con la cuenta existente que se muestra aquí.",
      cancelled: () => "Cancelaste el inicio de sesión, así que no se vinculó nada.",
      expired: () => "Esta oferta caducó o ya se usó, así que no se vinculó nada. Vuelve a iniciar sesión para verla de nuevo.",
      sign_in_failed: () => "No se pudo completar ni verificar el inicio de sesión, así que no se vinculó nada. Inténtalo de nuevo.",
      unavailable: () => "El servicio de inicio de sesión no respondió, así que no se cambió nada. Inténtalo de nuevo en unos minutos.",
      refused: () => `El servicio de inicio de sesión rechazó vincular estas cuentas, así que no se ha cambiado nada. ${REFUSED_NEXT}`,
      rate_limited: ({ wait }) => `Hubo demasiados intentos, así que no se cambió nada. ${wait}`,
      identity_in_use: () => "Este inicio de sesión ya pertenece a otra cuenta, así que no se vinculó nada.",
      not_saved: ({ wait }) => `No se pudo guardar tu elección, así que quizá volvamos a preguntar la próxima vez. ${wait}`,
    },
  },
  routes: { notFromThisSite: "Esta solicitud no procede de las páginas de este sitio, así que no se ha cambiado nada." },
  wait: {
    moment: "Espera un momento y vuelve a intentarlo.",
    seconds: { one: (n) => `Vuelve a intentarlo dentro de ${n} segundo.`, other: (n) => `Vuelve a intentarlo dentro de ${n} segundos.` },
  },
};
