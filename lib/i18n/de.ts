/**
 * Deutsch, in der Sie-Form. Begriffe: eine Anmeldung (sign-in) gehört zu einem
 * Konto; Anmeldungen werden verknüpft und getrennt; die Hauptanmeldung lässt
 * sich nicht trennen. Verbindungsnamen stehen nach „mit“ („mit GitHub“, „mit
 * E-Mail und Passwort“), damit keine holprigen Komposita entstehen.
 */
import type { Messages, OutcomeParams } from "./catalog";

/** „GitHub (owner.github@example.com)“, „GitHub“ oder `fallback`. */
function named(params: OutcomeParams, fallback: string): string {
  if (params.connection && params.account) return `${params.connection} (${params.account})`;
  return params.connection ?? fallback;
}

/** „die Schaltfläche „GitHub verknüpfen““ oder, ohne Namen, „die passende Verknüpfen-Schaltfläche“. */
function linkButton(connection: string | undefined): string {
  return connection ? `„${connection} verknüpfen“` : "die passende Schaltfläche zum Verknüpfen";
}

const UNAVAILABLE = "Der Anmeldedienst antwortet gerade nicht, deshalb wurde nichts geändert. Bitte versuchen Sie es in ein paar Minuten erneut.";
const REFUSED_NEXT = "Bitte versuchen Sie es später erneut; wenn das wieder passiert, wenden Sie sich an den Support dieser App.";

/** Der deutsche Katalog. */
export const de: Messages = {
  connections: { password: "E-Mail und Passwort", emailCode: "E-Mail-Code", textMessage: "SMS" },
  section: {
    heading: "Verknüpfte Konten",
    intro: "Mit diesen Anmeldungen gelangen Sie in dieses Konto. Ihre Hauptanmeldung lässt sich nicht trennen.",
    loading: "Ihre Anmeldungen werden geladen \u2026",
  },
  identities: {
    primary: "Hauptanmeldung",
    unlink: "Trennen",
    unlinkLabel: ({ connection, account }) => `Trennen: ${connection} (${account})`,
  },
  unlinkConfirmation: {
    heading: ({ connection, account }) => `${connection} (${account}) trennen?`,
    consequence: ({ connection, account }) =>
      `Sie können sich dann nicht mehr mit ${connection} (${account}) bei diesem Konto anmelden. Wer sich damit anmeldet, landet stattdessen in einem separaten Konto. Sie können die Anmeldung jederzeit wieder verknüpfen.`,
    remaining: ({ signIns }) => `Anmelden können Sie sich weiterhin mit ${signIns}.`,
    remainingSignIn: ({ connection, account }) => `${connection} (${account})`,
    signInAgainFirst: "Da Ihre Anmeldung schon eine Weile zurückliegt, werden Sie zuerst gebeten, sich erneut anzumelden. Danach kommen Sie hierher zurück, um zu bestätigen.",
    cancel: "Abbrechen",
  },
  linkAnother: {
    heading: "Weiteres Konto verknüpfen",
    intro: ({ signInAgainFirst }) =>
      signInAgainFirst
        ? "Sie melden sich einmal mit dem anderen Konto an. Danach öffnet jede der beiden Anmeldungen dieses Konto. Da Ihre Anmeldung schon eine Weile zurückliegt, werden Sie vorher gebeten, sich erneut anzumelden."
        : "Sie melden sich einmal mit dem anderen Konto an. Danach öffnet jede der beiden Anmeldungen dieses Konto.",
    button: ({ connection }) => `${connection} verknüpfen`,
  },
  continueLink: {
    title: ({ connection }) => `Verknüpfung mit ${connection} fortsetzen`,
    signInAgainFirst: "Da Ihre Anmeldung schon eine Weile zurückliegt, werden Sie zuerst gebeten, sich erneut anzumelden. Danach melden Sie sich mit dem Konto an, das Sie verknüpfen möchten.",
    nextSuggested: ({ connection, account }) =>
      `Sie haben bestätigt, dass Sie es sind. Melden Sie sich jetzt mit ${connection} als ${account} an, um diese Anmeldung zu verknüpfen.`,
    next: ({ connection }) => `Sie haben bestätigt, dass Sie es sind. Melden Sie sich jetzt mit ${connection} an, und zwar mit dem Konto, das Sie verknüpfen möchten.`,
    cancel: "Abbrechen",
  },
  suggestions: {
    heading: "Vorgeschlagene Konten",
    intro: "Diese Anmeldungen nutzen Ihre bestätigte E-Mail-Adresse. Um eine davon zu verknüpfen, melden Sie sich einmal damit an.",
    account: ({ connection, account }) => `Sie haben auch eine Anmeldung mit ${connection} als ${account}`,
    button: "Dieses Konto verknüpfen",
    buttonLabel: ({ connection, account }) => `Dieses Konto verknüpfen: ${connection} (${account})`,
  },
  identityInUse: {
    heading: ({ connection }) => (connection ? `Anmeldung mit ${connection} in dieses Konto übernehmen` : "Diese Anmeldung in dieses Konto übernehmen"),
    explanation: ({ connection }) =>
      `${connection ? `Die Anmeldung mit ${connection}, die Sie gerade verwendet haben,` : "Die Anmeldung, die Sie gerade verwendet haben,"} gehört zu einem anderen Konto dieser App, und jede Anmeldung kann nur zu einem Konto gehören. So übernehmen Sie sie hierher:`,
    signInThere: ({ connection }) => `Melden Sie sich mit ${connection ?? "dieser Anmeldung"} an. Dadurch öffnet sich das andere Konto.`,
    unlinkThere: ({ connection }) => `Trennen Sie dort in den Einstellungen ${connection ? `die Anmeldung mit ${connection}` : "diese Anmeldung"} und melden Sie sich ab.`,
    linkHere: ({ connection }) => `Melden Sie sich wieder bei diesem Konto an und wählen Sie ${linkButton(connection)}.`,
    button: ({ connection }) => `Mit ${connection} anmelden`,
    buttonNote: "Damit endet Ihre Sitzung in diesem Konto.",
  },
  link: {
    linked: (p) => `Verknüpft: ${named(p, "das andere Konto")}. Sie können sich ab sofort damit anmelden.`,
    same_account: () =>
      "Sie haben sich mit dem Konto angemeldet, das Sie gerade verwenden, es gab also nichts zu verknüpfen. Um eine weitere Anmeldung zu verknüpfen, wählen Sie unten die passende Schaltfläche und melden Sie sich mit dem anderen Konto an, nicht mit diesem.",
    already_linked: (p) =>
      `${p.connection ? `Die Anmeldung mit ${p.connection}` : "Das Konto, mit dem Sie sich angemeldet haben,"} ist bereits mit Ihrem Konto verknüpft. Sie müssen nichts weiter tun: Sie können sich schon damit anmelden.`,
    identity_in_use: (p) =>
      `${p.connection ? `Die Anmeldung mit ${p.connection}` : "Diese Anmeldung"} gehört bereits zu einem anderen Konto dieser App und konnte deshalb nicht mit Ihrem verknüpft werden. Um sie hierher zu übernehmen, melden Sie sich damit an, trennen Sie sie dort in den Einstellungen und verknüpfen Sie sie danach hier.`,
    email_unverified: (p) =>
      `Die E-Mail-Adresse ${p.connection ? `der Anmeldung mit ${p.connection}` : "des anderen Kontos"} ist nicht bestätigt, deshalb wurde nichts verknüpft. Bestätigen Sie die Adresse über den Link in der Bestätigungs-E-Mail an dieses Konto und wählen Sie dann erneut ${linkButton(p.connection)}.`,
    transaction_invalid: () =>
      "Dieser Verknüpfungsversuch ist ungültig (er wurde schon verwendet, verändert oder in einem anderen Browser begonnen), deshalb wurde nichts verknüpft. Bitte beginnen Sie von vorn.",
    transaction_expired: () =>
      "Dieser Verknüpfungsversuch hat zu lange gedauert und ist abgelaufen, deshalb wurde nichts verknüpft. Wählen Sie unten erneut die passende Schaltfläche und schließen Sie die andere Anmeldung innerhalb weniger Minuten ab.",
    wrong_user: () =>
      "Dieser Verknüpfungsversuch wurde nicht von Ihnen in diesem Browser begonnen, deshalb wurde nichts mit Ihrem Konto verknüpft. Um eines Ihrer Konten zu verknüpfen, wählen Sie unten die passende Schaltfläche.",
    cancelled: () => "Sie haben die Anmeldung abgebrochen, deshalb wurde nichts verknüpft. Wenn Sie das Konto doch verknüpfen möchten, wählen Sie die Schaltfläche erneut.",
    provider_error: () => "Die andere Anmeldung wurde nicht abgeschlossen, deshalb wurde nichts verknüpft. Bitte versuchen Sie es erneut.",
    verification_failed: () => "Die andere Anmeldung ließ sich nicht überprüfen, deshalb wurde nichts verknüpft. Bitte versuchen Sie es erneut.",
    connection_not_offered: () => "Diese Art von Konto lässt sich hier nicht verknüpfen. Wählen Sie stattdessen eine der Schaltflächen unten.",
    session_expired: () => "Ihre Anmeldung ist abgelaufen, deshalb wurde nichts verknüpft. Bitte melden Sie sich ab, wieder an und versuchen Sie es erneut.",
    auth0_refused: () => `Der Anmeldedienst hat die Verknüpfung dieser Konten abgelehnt, deshalb wurde nichts geändert. ${REFUSED_NEXT}`,
    rate_limited: ({ wait }) => `Gerade gibt es zu viele Versuche, deshalb wurde nichts verknüpft. ${wait}`,
    throttled: ({ wait }) => `Zu viele Versuche. ${wait}`,
    tenant_unavailable: () => UNAVAILABLE,
    linked_metadata_pending: (p) =>
      `Verknüpft: ${named(p, "das andere Konto")}. Sie können sich ab sofort damit anmelden, aber einige Ihrer Einstellungen aus diesem Konto ließen sich noch nicht übernehmen; der Support kann sie wiederherstellen.`,
    metadata_unavailable: (p) =>
      `Die Einstellungen ${p.connection ? `Ihrer Anmeldung mit ${named(p, "")}` : "des anderen Kontos"} ließen sich nicht lesen, und eine Verknüpfung würde sie jetzt verlieren, deshalb wurde nichts verknüpft. Bitte versuchen Sie es in ein paar Minuten erneut.`,
    unconfirmed: (p) =>
      `Der Anmeldedienst hat während der Verknüpfung nicht mehr geantwortet, daher wissen wir nicht, ob ${p.connection ? `Ihre Anmeldung mit ${named(p, "")}` : "Ihr anderes Konto"} verknüpft wurde. Laden Sie diese Seite gleich neu, um Ihre verknüpften Konten zu sehen.`,
    different_account: () =>
      "Sie haben sich mit einem anderen Konto als dem vorgeschlagenen angemeldet, deshalb wurde nichts verknüpft. Um das vorgeschlagene Konto zu verknüpfen, versuchen Sie es erneut und melden Sie sich mit genau diesem Konto an.",
    suggestion_invalid: () => "Dieses vorgeschlagene Konto ließ sich so nicht verknüpfen, deshalb wurde nichts geändert. Laden Sie die Seite neu und versuchen Sie es noch einmal.",
    sign_in_too_old: () =>
      "Ihre Anmeldung liegt zu lange zurück, um eine weitere Anmeldung hinzuzufügen, deshalb wurde nichts verknüpft. Wählen Sie das Konto erneut: Sie werden zuerst gebeten, sich neu anzumelden.",
    reauthenticated_as_other: () =>
      "Sie haben sich erneut angemeldet, aber mit einem anderen Konto als dem, das Sie hier verwenden, deshalb wurde nichts geändert. Um ein Konto zu verknüpfen, versuchen Sie es erneut und melden Sie sich mit Ihrem eigenen Konto an.",
    wrong_connection: () =>
      "Das Konto, mit dem Sie sich angemeldet haben, ist nicht von der gewählten Art, oder diese Anmeldung gehört schon zu einem anderen Konto, deshalb wurde nichts verknüpft. Versuchen Sie es erneut und melden Sie sich mit einem Konto der gewählten Art an.",
  },
  unlink: {
    unlinked: (p) => `Getrennt: ${named(p, "Ihr Konto")}. Sie können sich damit nicht mehr anmelden.`,
    primary_identity: () => "Ihre Hauptanmeldung lässt sich nicht trennen. Jede andere Anmeldung in der Liste unten können Sie trennen.",
    identity_not_found: () => "Diese Anmeldung ist nicht mit Ihrem Konto verknüpft (vielleicht wurde sie schon getrennt). Die Liste unten zeigt die aktuell verknüpften Anmeldungen.",
    invalid_identity: () => "Diese Anfrage nannte kein verknüpftes Konto, deshalb wurde nichts geändert. Um eine Anmeldung zu trennen, wählen Sie unten „Trennen“ neben ihr.",
    session_expired: () => "Ihre Anmeldung ist abgelaufen, deshalb wurde nichts getrennt. Bitte melden Sie sich ab, wieder an und versuchen Sie es erneut.",
    auth0_refused: () => `Der Anmeldedienst hat das Trennen dieses Kontos abgelehnt, deshalb wurde nichts geändert. ${REFUSED_NEXT}`,
    rate_limited: ({ wait }) => `Gerade gibt es zu viele Versuche, deshalb wurde nichts getrennt. ${wait}`,
    throttled: ({ wait }) => `Zu viele Versuche. ${wait}`,
    tenant_unavailable: () => UNAVAILABLE,
    unconfirmed: () =>
      "Der Anmeldedienst hat beim Trennen nicht mehr geantwortet, daher wissen wir nicht, ob die Anmeldung getrennt wurde. Laden Sie diese Seite gleich neu, um Ihre verknüpften Konten zu sehen.",
  },
  readError: {
    rate_limited: ({ wait }) => `Gerade gibt es zu viele Anfragen. ${wait ?? "Bitte versuchen Sie es gleich noch einmal."}`,
    session_refused: () => "Ihre Anmeldung erlaubt nicht mehr, Ihre verknüpften Konten zu lesen. Bitte melden Sie sich ab und wieder an.",
    app_refused: () => "Ihre verknüpften Konten lassen sich gerade nicht laden. Bitte versuchen Sie es später erneut.",
    not_found: () => "Ihr Konto wurde nicht gefunden. Bitte melden Sie sich ab und wieder an.",
    unavailable: () => "Der Anmeldedienst antwortet gerade nicht. Bitte versuchen Sie es in ein paar Minuten erneut.",
    failed: () => "Ihre verknüpften Konten ließen sich nicht laden. Bitte versuchen Sie es erneut.",
  },
  report: {
    explain: {
      heading: "Konto absichern",
      willRemove: ({ connection, account }) =>
        `Wir entfernen die ${connection}-Anmeldung${account ? ` ${account}` : ""} sofort aus Ihrem Konto, damit sich damit niemand mehr als Sie anmelden kann.`,
      thenSignIn: "Danach melden Sie sich mit Ihrer eigenen Anmeldung erneut an, und wir beenden jede Sitzung Ihres Kontos: auf allen Geräten, in dieser App und beim Anmeldedienst.",
      wasRemoved: ({ connection, account }) =>
        `Die ${connection}-Anmeldung${account ? ` ${account}` : ""} wurde aus Ihrem Konto entfernt. Wenn Sie das nicht waren, ist womöglich jemand anderes als Sie angemeldet.`,
      signInToEnd: "Melden Sie sich mit Ihrer eigenen Anmeldung erneut an, und wir beenden jede Sitzung Ihres Kontos: auf allen Geräten, in dieser App und beim Anmeldedienst. Es wird nichts wieder verknüpft.",
      button: "Anmelden und Konto absichern",
    },
    result: {
      secured: "Ihr Konto ist abgesichert",
      partlySecured: "Ihr Konto ist teilweise abgesichert",
      whatWasDone: "Was getan wurde",
      whatToDoNext: "Was Sie jetzt tun sollten",
      notDone: "Nicht erledigt:",
      removed: ({ connection, account }) => `Die ${connection}-Anmeldung${account ? ` ${account}` : ""} wurde aus Ihrem Konto entfernt.`,
      noLongerLinked: ({ connection, account }) => `Die ${connection}-Anmeldung${account ? ` ${account}` : ""} war nicht mehr mit Ihrem Konto verknüpft.`,
      notRemoved: ({ connection, account }) =>
        `Die ${connection}-Anmeldung${account ? ` ${account}` : ""} konnte nicht entfernt werden: Entfernen Sie sie unter Einstellungen → Verknüpfte Konten.`,
      appSignedOut: "Sie wurden überall von dieser App abgemeldet.",
      appNotSignedOut: "Sie konnten nicht auf allen Geräten von dieser App abgemeldet werden.",
      auth0Ended: "Ihre Sitzungen beim Anmeldedienst wurden beendet.",
      auth0NotEnded: "Ihre Sitzungen beim Anmeldedienst konnten nicht beendet werden (der Tarif oder die Einstellungen der App erlauben es womöglich nicht).",
      refreshRevoked: "Der dauerhafte Zugriff der App auf Ihr Konto wurde widerrufen.",
      refreshNotRevoked: "Der dauerhafte Zugriff der App auf Ihr Konto konnte nicht widerrufen werden.",
      changePassword: "Ändern Sie Ihr Passwort und das Passwort des E-Mail-Kontos, an das diese Nachricht ging.",
      checkSignIns: "Melden Sie sich erneut an und prüfen Sie Einstellungen → Verknüpfte Konten: Entfernen Sie jede weitere Anmeldung, die Sie nicht kennen.",
      tellSupport: "Teilen Sie dem Support der App mit, was nicht erledigt werden konnte.",
      signInAgain: "Erneut anmelden",
    },
    refused: {
      invalid: {
        heading: "Dieser Link funktioniert nicht",
        text: "Der Link ist unvollständig oder wurde verändert, deshalb wurde nichts getan.",
        next: "Öffnen Sie den Link genau so, wie er in der E-Mail steht. Wenn Sie keine solche E-Mail erhalten haben, müssen Sie nichts tun.",
      },
      expired: {
        heading: "Dieser Link ist abgelaufen",
        text: "Die Links in diesen E-Mails gelten 7 Tage, deshalb wurde nichts getan.",
        next: "Wenn Sie die Änderung weiterhin nicht kennen, melden Sie sich an, öffnen Sie Einstellungen → Verknüpfte Konten, entfernen Sie jede unbekannte Anmeldung und ändern Sie Ihr Passwort.",
      },
      used: {
        heading: "Dieser Link wurde bereits verwendet",
        text: "Ihr Konto wurde mit diesem Link bereits abgesichert, deshalb wurde nichts weiter getan.",
        next: "Melden Sie sich an und prüfen Sie Einstellungen → Verknüpfte Konten. Wenn etwas weiterhin falsch aussieht, ändern Sie Ihr Passwort.",
      },
      unavailable: {
        heading: "Diese App kann Ihr Konto von hier aus nicht absichern",
        text: "Die App ist nicht dafür eingerichtet, selbst Anmeldungen zu entfernen oder Sitzungen zu beenden, deshalb wurde nichts getan.",
        next: "Melden Sie sich an, öffnen Sie Einstellungen → Verknüpfte Konten, entfernen Sie jede unbekannte Anmeldung, ändern Sie Ihr Passwort und informieren Sie den Support der App.",
      },
      signed_in_as_other: {
        heading: "Das war nicht die eigene Anmeldung des Kontos",
        text: "Sie haben sich mit einem anderen Konto angemeldet, vielleicht mit der gemeldeten Anmeldung, deshalb wurde nichts weiter getan. Die gemeldete Anmeldung wurde bereits aus dem Konto entfernt.",
        next: "Öffnen Sie den Link in der E-Mail erneut, um neu zu beginnen. Melden Sie sich dann mit Ihrer eigenen E-Mail-Adresse und Ihrem Passwort an (oder wie Sie sich sonst anmelden).",
      },
      cancelled: {
        heading: "Sie haben die Anmeldung abgebrochen",
        text: "Ohne Ihre Anmeldung wurden Ihre anderen Sitzungen nicht beendet.",
        next: "Öffnen Sie den Link in der E-Mail erneut, um neu zu beginnen.",
      },
      sign_in_failed: {
        heading: "Die Anmeldung hat nicht funktioniert",
        text: "Ihre Anmeldung konnte nicht abgeschlossen oder geprüft werden, deshalb wurden Ihre anderen Sitzungen nicht beendet.",
        next: "Öffnen Sie den Link in der E-Mail erneut, um neu zu beginnen.",
      },
      attempt_invalid: {
        heading: "Dieser Versuch ist ungültig",
        text: "Er wurde bereits verwendet, verändert oder in einem anderen Browser begonnen, deshalb wurde nichts weiter getan.",
        next: "Öffnen Sie den Link in der E-Mail erneut, um neu zu beginnen.",
      },
      attempt_expired: {
        heading: "Dieser Versuch hat zu lange gedauert",
        text: "Er ist abgelaufen, bevor Sie sich angemeldet haben, deshalb wurden Ihre anderen Sitzungen nicht beendet.",
        next: "Öffnen Sie den Link in der E-Mail erneut, um neu zu beginnen.",
      },
      tenant_unavailable: {
        heading: "Der Anmeldedienst antwortet nicht",
        text: "Im Moment konnte nichts weiter getan werden.",
        next: "Warten Sie einige Minuten und öffnen Sie dann den Link in der E-Mail erneut, um neu zu beginnen.",
      },
    },
  },
  notice: {
    subject: {
      linked: ({ app }) => `${app}: Eine Anmeldung wurde Ihrem Konto hinzugefügt`,
      unlinked: ({ app }) => `${app}: Eine Anmeldung wurde aus Ihrem Konto entfernt`,
    },
    change: {
      linked: ({ connection, account }) => `Eine ${connection}-Anmeldung${account ? ` (${account})` : ""} wurde Ihrem Konto hinzugefügt.`,
      unlinked: ({ connection, account }) => `Eine ${connection}-Anmeldung${account ? ` (${account})` : ""} wurde aus Ihrem Konto entfernt.`,
    },
    whenLabel: "Wann",
    browserLabel: "Browser",
    browser: {
      both: ({ browser, system }) => `${browser} unter ${system}`,
      browserOnly: ({ browser }) => `${browser}, Betriebssystem unbekannt`,
      systemOnly: ({ system }) => `ein Browser unter ${system}`,
      unknown: "ein unbekannter Browser",
    },
    ifItWasYou: "Wenn Sie das waren, müssen Sie nichts tun.",
    button: "Das war ich nicht",
    whatTheButtonDoes: {
      linked: ({ connection }) =>
        `Wenn Sie es nicht waren, klicken Sie auf „Das war ich nicht“: Wir entfernen diese ${connection}-Anmeldung sofort aus Ihrem Konto, und sobald Sie sich erneut selbst angemeldet haben, melden wir Ihr Konto überall ab.`,
      unlinked: "Wenn Sie es nicht waren, klicken Sie auf „Das war ich nicht“: Sobald Sie sich erneut selbst angemeldet haben, melden wir Ihr Konto überall ab, damit, wer immer es war, ausgesperrt ist.",
    },
    linkFallback: "Wenn die Schaltfläche nicht funktioniert, öffnen Sie diese Adresse:",
    footer: ({ app }) => `${app} sendet diese Nachricht, wann immer sich die Anmeldemöglichkeiten Ihres Kontos ändern, damit Sie eine Änderung rückgängig machen können, die Sie nicht vorgenommen haben.`,
  },
  prompt: {
    heading: "Sie haben bereits ein Konto",
    found: ({ connection }) => `Sie haben sich mit ${connection} angemeldet. Es gibt bereits ein Konto mit derselben E-Mail-Adresse:`,
    existingLabel: "Das bestehende Konto",
    existing: ({ connection, account }) => `${connection}, ${account}`,
    explainLink: ({ connection, account }) =>
      `Konten verknüpfen: Melden Sie sich noch einmal mit ${connection} als ${account} an, um zu zeigen, dass das Konto Ihnen gehört. Danach öffnen beide Anmeldungen dasselbe Konto, und Sie bleiben darin angemeldet.`,
    explainKeep: "Getrennt lassen: Die Konten bleiben getrennt, und wir fragen nicht noch einmal. Sie können sie später unter Einstellungen → Verknüpfte Konten verknüpfen.",
    link: "Konten verknüpfen",
    keep: "Getrennt lassen",
    nothing: "Im Moment gibt es nichts zu verknüpfen.",
    continue: "Weiter",
    outcome: {
      different_account: () => "Sie haben sich mit einem anderen Konto angemeldet, deshalb wurde nichts verknüpft. Melden Sie sich zum Verknüpfen mit dem hier gezeigten bestehenden Konto an.",
      cancelled: () => "Sie haben die Anmeldung abgebrochen, deshalb wurde nichts verknüpft.",
      expired: () => "Dieses Angebot ist abgelaufen oder wurde schon verwendet, deshalb wurde nichts verknüpft. Melden Sie sich erneut an, um es noch einmal zu sehen.",
      sign_in_failed: () => "Die Anmeldung konnte nicht abgeschlossen oder geprüft werden, deshalb wurde nichts verknüpft. Bitte versuchen Sie es erneut.",
      unavailable: () => "Der Anmeldedienst hat nicht geantwortet, deshalb wurde nichts geändert. Bitte versuchen Sie es in ein paar Minuten erneut.",
      refused: () => `Der Anmeldedienst hat die Verknüpfung dieser Konten abgelehnt, deshalb wurde nichts geändert. ${REFUSED_NEXT}`,
      rate_limited: ({ wait }) => `Es gab zu viele Versuche, deshalb wurde nichts geändert. ${wait}`,
      identity_in_use: () => "Diese Anmeldung gehört bereits zu einem anderen Konto, deshalb wurde nichts verknüpft.",
      not_saved: ({ wait }) => `Ihre Wahl konnte nicht gespeichert werden, deshalb fragen wir beim nächsten Mal vielleicht erneut. ${wait}`,
    },
  },
  routes: { notFromThisSite: "Diese Anfrage kam nicht von den Seiten dieser Website, deshalb wurde nichts geändert." },
  wait: {
    moment: "Bitte warten Sie einen Moment und versuchen Sie es dann erneut.",
    seconds: { one: (n) => `Bitte versuchen Sie es in ${n} Sekunde erneut.`, other: (n) => `Bitte versuchen Sie es in ${n} Sekunden erneut.` },
  },
};
