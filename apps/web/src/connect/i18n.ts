/** The hosted connect page in English, German, French and Spanish. */

export const languages = ['en', 'de', 'fr', 'es'] as const
export type Language = (typeof languages)[number]

const en = {
  pageTitle: 'Connect {integration}',
  loading: 'Loading…',
  intro: '{org} would like to connect to your {integration} account.',
  oauthHint: 'You will sign in to {integration} and approve access. Then you come back here.',
  authorize: 'Continue to {integration}',
  redirecting: 'Opening {integration}…',
  formHint: 'Enter your {integration} credentials. They are encrypted and stored securely.',
  optional: 'optional',
  showField: 'Show {field}',
  hideField: 'Hide {field}',
  show: 'Show',
  hide: 'Hide',
  submit: 'Connect',
  submitting: 'Connecting…',
  required: 'This field is required.',
  patternMismatch: 'This value does not look right. Check it and try again.',
  patternExample: 'Expected format: {example}',
  fixFields: 'Check the highlighted fields and try again.',
  invalidCredentials: '{integration} did not accept these credentials. Check them and try again.',
  submitFailed: 'Connecting failed. Try again in a moment.',
  networkError: 'Could not reach the server. Check your internet connection and try again.',
  expiredTitle: 'This link has expired',
  expiredBody: 'This link has expired — return to the app and start again.',
  usedTitle: 'This link was already used',
  usedBody:
    'This connection request is already finished. Return to the app and start again to connect once more.',
  missingTitle: 'This link is incomplete',
  missingBody: 'The link has no connection token. Return to the app and start again.',
  loadFailedTitle: 'This page could not be loaded',
  retry: 'Try again',
  connectingTitle: 'Finishing the connection…',
  connectingBody: 'This takes a few seconds. Keep this window open.',
  successTitle: 'Connected',
  successBody: 'Your {integration} account is now connected to {org}.',
  successNextPopup: 'This window closes automatically.',
  successNext: 'You can close this window and return to the app.',
  returning: 'Taking you back to the app…',
  failedTitle: 'The connection failed',
  failedBody: 'Your {integration} account was not connected.',
  failedReason: 'Reason: {error}',
  failedNext: 'Return to the app and start again. If it keeps failing, contact {org}.',
  securedBy: 'Secured by Switchboard',
  serverError: 'Something went wrong on our side. Try again in a moment.',
  connectedGeneric: 'Your account is now connected.',
  failedGeneric: 'Your account was not connected.',
  returnAndRetry: 'Return to the app and start again.',
}

export type MessageKey = keyof typeof en
type Messages = Record<MessageKey, string>

const de: Messages = {
  pageTitle: '{integration} verbinden',
  loading: 'Wird geladen…',
  intro: '{org} möchte sich mit Ihrem {integration}-Konto verbinden.',
  oauthHint:
    'Sie melden sich bei {integration} an und erlauben den Zugriff. Danach kommen Sie hierher zurück.',
  authorize: 'Weiter zu {integration}',
  redirecting: '{integration} wird geöffnet…',
  formHint:
    'Geben Sie Ihre Zugangsdaten für {integration} ein. Sie werden verschlüsselt und sicher gespeichert.',
  optional: 'optional',
  showField: '{field} anzeigen',
  hideField: '{field} verbergen',
  show: 'Anzeigen',
  hide: 'Verbergen',
  submit: 'Verbinden',
  submitting: 'Wird verbunden…',
  required: 'Dieses Feld ist erforderlich.',
  patternMismatch: 'Dieser Wert sieht nicht richtig aus. Prüfen Sie ihn und versuchen Sie es erneut.',
  patternExample: 'Erwartetes Format: {example}',
  fixFields: 'Prüfen Sie die markierten Felder und versuchen Sie es erneut.',
  invalidCredentials:
    '{integration} hat diese Zugangsdaten nicht akzeptiert. Prüfen Sie sie und versuchen Sie es erneut.',
  submitFailed: 'Die Verbindung ist fehlgeschlagen. Versuchen Sie es gleich noch einmal.',
  networkError:
    'Der Server ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
  expiredTitle: 'Dieser Link ist abgelaufen',
  expiredBody: 'Dieser Link ist abgelaufen — kehren Sie zur App zurück und beginnen Sie erneut.',
  usedTitle: 'Dieser Link wurde bereits verwendet',
  usedBody:
    'Diese Verbindungsanfrage ist bereits abgeschlossen. Kehren Sie zur App zurück und beginnen Sie erneut, um sich noch einmal zu verbinden.',
  missingTitle: 'Dieser Link ist unvollständig',
  missingBody: 'Dem Link fehlt das Verbindungstoken. Kehren Sie zur App zurück und beginnen Sie erneut.',
  loadFailedTitle: 'Diese Seite konnte nicht geladen werden',
  retry: 'Erneut versuchen',
  connectingTitle: 'Verbindung wird abgeschlossen…',
  connectingBody: 'Das dauert nur wenige Sekunden. Lassen Sie dieses Fenster geöffnet.',
  successTitle: 'Verbunden',
  successBody: 'Ihr {integration}-Konto ist jetzt mit {org} verbunden.',
  successNextPopup: 'Dieses Fenster schließt sich automatisch.',
  successNext: 'Sie können dieses Fenster schließen und zur App zurückkehren.',
  returning: 'Sie werden zur App zurückgeleitet…',
  failedTitle: 'Die Verbindung ist fehlgeschlagen',
  failedBody: 'Ihr {integration}-Konto wurde nicht verbunden.',
  failedReason: 'Grund: {error}',
  failedNext:
    'Kehren Sie zur App zurück und beginnen Sie erneut. Wenn es weiterhin fehlschlägt, wenden Sie sich an {org}.',
  securedBy: 'Geschützt durch Switchboard',
  serverError: 'Auf unserer Seite ist ein Fehler aufgetreten. Versuchen Sie es gleich noch einmal.',
  connectedGeneric: 'Ihr Konto ist jetzt verbunden.',
  failedGeneric: 'Ihr Konto wurde nicht verbunden.',
  returnAndRetry: 'Kehren Sie zur App zurück und beginnen Sie erneut.',
}

const fr: Messages = {
  pageTitle: 'Connecter {integration}',
  loading: 'Chargement…',
  intro: '{org} souhaite se connecter à votre compte {integration}.',
  oauthHint: 'Vous allez vous connecter à {integration} et autoriser l’accès, puis revenir ici.',
  authorize: 'Continuer vers {integration}',
  redirecting: 'Ouverture de {integration}…',
  formHint: 'Saisissez vos identifiants {integration}. Ils sont chiffrés et conservés en toute sécurité.',
  optional: 'facultatif',
  showField: 'Afficher {field}',
  hideField: 'Masquer {field}',
  show: 'Afficher',
  hide: 'Masquer',
  submit: 'Connecter',
  submitting: 'Connexion…',
  required: 'Ce champ est obligatoire.',
  patternMismatch: 'Cette valeur ne semble pas correcte. Vérifiez-la et réessayez.',
  patternExample: 'Format attendu\u00a0: {example}',
  fixFields: 'Vérifiez les champs signalés et réessayez.',
  invalidCredentials: '{integration} a refusé ces identifiants. Vérifiez-les et réessayez.',
  submitFailed: 'La connexion a échoué. Réessayez dans un instant.',
  networkError: 'Impossible de joindre le serveur. Vérifiez votre connexion Internet et réessayez.',
  expiredTitle: 'Ce lien a expiré',
  expiredBody: 'Ce lien a expiré — retournez dans l’application et recommencez.',
  usedTitle: 'Ce lien a déjà été utilisé',
  usedBody:
    'Cette demande de connexion est déjà terminée. Retournez dans l’application et recommencez pour vous connecter à nouveau.',
  missingTitle: 'Ce lien est incomplet',
  missingBody: 'Il manque le jeton de connexion dans ce lien. Retournez dans l’application et recommencez.',
  loadFailedTitle: 'Cette page n’a pas pu être chargée',
  retry: 'Réessayer',
  connectingTitle: 'Finalisation de la connexion…',
  connectingBody: 'Cela prend quelques secondes. Gardez cette fenêtre ouverte.',
  successTitle: 'Connecté',
  successBody: 'Votre compte {integration} est maintenant connecté à {org}.',
  successNextPopup: 'Cette fenêtre va se fermer automatiquement.',
  successNext: 'Vous pouvez fermer cette fenêtre et retourner dans l’application.',
  returning: 'Retour vers l’application…',
  failedTitle: 'La connexion a échoué',
  failedBody: 'Votre compte {integration} n’a pas été connecté.',
  failedReason: 'Motif\u00a0: {error}',
  failedNext: 'Retournez dans l’application et recommencez. Si le problème persiste, contactez {org}.',
  securedBy: 'Sécurisé par Switchboard',
  serverError: 'Une erreur s’est produite de notre côté. Réessayez dans un instant.',
  connectedGeneric: 'Votre compte est maintenant connecté.',
  failedGeneric: 'Votre compte n’a pas été connecté.',
  returnAndRetry: 'Retournez dans l’application et recommencez.',
}

const es: Messages = {
  pageTitle: 'Conectar {integration}',
  loading: 'Cargando…',
  intro: '{org} quiere conectarse a tu cuenta de {integration}.',
  oauthHint: 'Iniciarás sesión en {integration} y autorizarás el acceso. Después volverás aquí.',
  authorize: 'Continuar a {integration}',
  redirecting: 'Abriendo {integration}…',
  formHint: 'Introduce tus credenciales de {integration}. Se cifran y se guardan de forma segura.',
  optional: 'opcional',
  showField: 'Mostrar {field}',
  hideField: 'Ocultar {field}',
  show: 'Mostrar',
  hide: 'Ocultar',
  submit: 'Conectar',
  submitting: 'Conectando…',
  required: 'Este campo es obligatorio.',
  patternMismatch: 'Este valor no parece correcto. Compruébalo e inténtalo de nuevo.',
  patternExample: 'Formato esperado: {example}',
  fixFields: 'Revisa los campos marcados e inténtalo de nuevo.',
  invalidCredentials: '{integration} no ha aceptado estas credenciales. Compruébalas e inténtalo de nuevo.',
  submitFailed: 'No se ha podido conectar. Inténtalo de nuevo en un momento.',
  networkError:
    'No se puede contactar con el servidor. Comprueba tu conexión a internet e inténtalo de nuevo.',
  expiredTitle: 'Este enlace ha caducado',
  expiredBody: 'Este enlace ha caducado — vuelve a la aplicación y empieza de nuevo.',
  usedTitle: 'Este enlace ya se ha usado',
  usedBody:
    'Esta solicitud de conexión ya ha terminado. Vuelve a la aplicación y empieza de nuevo para conectarte otra vez.',
  missingTitle: 'Este enlace está incompleto',
  missingBody: 'Al enlace le falta el token de conexión. Vuelve a la aplicación y empieza de nuevo.',
  loadFailedTitle: 'No se ha podido cargar esta página',
  retry: 'Reintentar',
  connectingTitle: 'Completando la conexión…',
  connectingBody: 'Tardará unos segundos. Mantén esta ventana abierta.',
  successTitle: 'Conectado',
  successBody: 'Tu cuenta de {integration} ya está conectada a {org}.',
  successNextPopup: 'Esta ventana se cerrará automáticamente.',
  successNext: 'Puedes cerrar esta ventana y volver a la aplicación.',
  returning: 'Volviendo a la aplicación…',
  failedTitle: 'La conexión ha fallado',
  failedBody: 'Tu cuenta de {integration} no se ha conectado.',
  failedReason: 'Motivo: {error}',
  failedNext: 'Vuelve a la aplicación y empieza de nuevo. Si sigue fallando, ponte en contacto con {org}.',
  securedBy: 'Protegido por Switchboard',
  serverError: 'Algo ha fallado por nuestra parte. Inténtalo de nuevo en un momento.',
  connectedGeneric: 'Tu cuenta ya está conectada.',
  failedGeneric: 'Tu cuenta no se ha conectado.',
  returnAndRetry: 'Vuelve a la aplicación y empieza de nuevo.',
}

const dictionaries: Record<Language, Messages> = { en, de, fr, es }

function supported(tag: string | null | undefined): Language | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0]
  return languages.find((l) => l === primary)
}

/** `?lang=de` wins, then the browser's preferred languages in order, then English. */
export function detectLanguage(langParam: string | null, preferred: readonly string[] = []): Language {
  const fromParam = supported(langParam)
  if (fromParam) return fromParam
  for (const tag of preferred) {
    const match = supported(tag)
    if (match) return match
  }
  return 'en'
}

export type Vars = Record<string, string>
export type Translate = (key: MessageKey, vars?: Vars) => string

/** A translate function for one language: t('intro', { org, integration }). */
export function translator(language: Language): Translate {
  const messages = dictionaries[language]
  return (key, vars) =>
    messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      vars && name in vars ? (vars[name] ?? whole) : whole,
    )
}
