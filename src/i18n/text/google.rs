//! Publishing: the failures recorded as an entity's last error, and Google's credentials,
//! `auth login|status|logout` and requests (Google's own words stay as they came).
//!
//! A list for `texts!` (`mod.rs`): `google_texts!` adds its keys to the ones it is
//! given and hands them all on to the next list's macro (the last is `texts!` itself).

macro_rules! google_texts {
    ($next:ident $(, $rest:ident)* ; $($done:tt)*) => {
        $next! { $($rest),* ; $($done)*
        // Publish failures, recorded as the entity's last error in the agent's language.
        PublishWrite => [
            "no se puede escribir {path}: {error}",
            "write {path}: {error}",
            "não é possível gravar {path}: {error}",
        ],
        PublishOpenSpool => [
            "no se puede abrir la copia guardada {path}: {error}",
            "open the spool copy {path}: {error}",
            "não é possível abrir a cópia guardada {path}: {error}",
        ],
        PublishSpoolChanged => [
            "{entity}: hay {rows} filas para publicar, pero se aceptaron {accepted}; la copia guardada {path} cambió después de revisarla",
            "{entity}: {rows} rows to publish but {accepted} were accepted; the spool copy {path} changed since it was checked",
            "{entity}: há {rows} registros para publicar, mas foram aceitos {accepted}; a cópia guardada {path} mudou depois de verificada",
        ],
        PublishSnapshotGone => [
            "la copia {id} de {entity} ya no está registrada",
            "snapshot {id} of {entity} is no longer recorded",
            "a cópia {id} de {entity} não está mais registrada",
        ],
        PublishEntityGone => [
            "{entity} ya no es una entidad de la configuración",
            "{entity} is no longer an entity of the configuration",
            "{entity} não é mais uma entidade da configuração",
        ],

        // Google: the credentials, `auth login|status|logout`, and publish failures (the entity's
        // last error). Google's own words (HTTP status, its error message) stay as they came.
        GoogleStep => ["{what}: {detail}", "{what}: {detail}", "{what}: {detail}"],
        GoogleListFiles => [
            "listar archivos de Drive ({query})",
            "list Drive files ({query})",
            "listar arquivos do Drive ({query})",
        ],
        GoogleCreateFolder => [
            "crear la carpeta de Drive {name}",
            "create Drive folder {name}",
            "criar a pasta do Drive {name}",
        ],
        GoogleDeleteFile => [
            "borrar el archivo de Drive {id}",
            "delete Drive file {id}",
            "apagar o arquivo do Drive {id}",
        ],
        GoogleShare => [
            "compartir {id} con {email}",
            "share {id} with {email}",
            "compartilhar {id} com {email}",
        ],
        GoogleUpload => ["subir {name}", "upload {name}", "enviar {name}"],
        GoogleResumableUpload => [
            "subida por partes de {name}",
            "resumable upload of {name}",
            "envio em partes de {name}",
        ],
        GoogleCreateSpreadsheet => [
            "crear la planilla {title}",
            "create spreadsheet {title}",
            "criar a planilha {title}",
        ],
        GoogleReadTabs => [
            "leer las pestañas de la planilla {id}",
            "read the tabs of spreadsheet {id}",
            "ler as abas da planilha {id}",
        ],
        GoogleUpdateTabs => [
            "actualizar las pestañas de la planilla {id}",
            "update the tabs of spreadsheet {id}",
            "atualizar as abas da planilha {id}",
        ],
        GoogleWriteRange => ["escribir {range}", "write {range}", "gravar {range}"],
        GoogleReadRange => ["leer {range}", "read {range}", "ler {range}"],
        GoogleAddStagingTab => [
            "agregar la pestaña provisoria",
            "add the staging tab",
            "adicionar a aba provisória",
        ],
        GoogleReplaceTab => ["reemplazar la pestaña", "replace the tab", "substituir a aba"],
        GoogleNoId => [
            "la respuesta no trae el id",
            "the answer has no id",
            "a resposta não traz o id",
        ],
        GoogleNoLocation => [
            "la respuesta de la sesión no trae Location",
            "the session answer has no Location",
            "a resposta da sessão não traz Location",
        ],
        GoogleCutOff => [
            "la respuesta llegó cortada",
            "the answer was cut off",
            "a resposta chegou cortada",
        ],
        GoogleUnreadable => [
            "no se entiende la respuesta: {error}",
            "unreadable answer: {error}",
            "não é possível entender a resposta: {error}",
        ],
        GoogleGaveUp => [
            "{message} (se abandonó tras {n} intentos)",
            "{message} (gave up after {n} tries)",
            "{message} (desistiu após {n} tentativas)",
        ],
        GoogleWaitAsked => [
            "{message} (Google pidió esperar {n} s; se reintenta más tarde)",
            "{message} (Google asked to wait {n} s; retried later)",
            "{message} (o Google pediu para esperar {n} s; será tentado de novo mais tarde)",
        ],
        GoogleNoConnection => [
            "sin conexión con el servidor: {error} (compruebe la conexión a Internet y que ningún proxy o cortafuegos la bloquee)",
            "no connection to the server: {error} (check the Internet connection, and that no proxy or firewall blocks it)",
            "sem conexão com o servidor: {error} (verifique a conexão com a Internet e se nenhum proxy ou firewall a bloqueia)",
        ],
        GoogleNoToken => [
            "no se pudo obtener un token de acceso: {error}",
            "cannot get an access token: {error}",
            "não foi possível obter um token de acesso: {error}",
        ],
        GoogleNoTokenRefused => [
            "no se pudo obtener un token de acceso: {error} (se rechazaron las credenciales: hay que volver a autorizar)",
            "cannot get an access token: {error} (the credentials were refused: re-authorization needed)",
            "não foi possível obter um token de acesso: {error} (as credenciais foram recusadas: é preciso autorizar de novo)",
        ],
        GoogleReauth => [
            "hay que volver a autorizar: ejecute `sheetdrop auth login` ({why})",
            "re-authorization needed: run `sheetdrop auth login` ({why})",
            "é preciso autorizar de novo: execute `sheetdrop auth login` ({why})",
        ],
        GoogleNoCachedToken => [
            "no hay ningún token de OAuth guardado en {path}",
            "no OAuth token is cached at {path}",
            "não há nenhum token de OAuth guardado em {path}",
        ],
        GoogleOtherClient => [
            "el token guardado en {path} es de otro cliente de OAuth",
            "the token cached at {path} belongs to another OAuth client",
            "o token guardado em {path} é de outro cliente de OAuth",
        ],
        GoogleGrantRefused => [
            "Google rechazó la autorización guardada: {error}",
            "the cached grant was refused: {error}",
            "o Google recusou a autorização guardada: {error}",
        ],
        GoogleKeyRefused => [
            "Google rechazó la clave: {error}",
            "the key was refused: {error}",
            "o Google recusou a chave: {error}",
        ],
        GoogleNoAccessToken => [
            "el servidor de tokens no devolvió ningún token de acceso",
            "the token endpoint answered no access token",
            "o servidor de tokens não devolveu nenhum token de acesso",
        ],
        GoogleReadKey => [
            "no se puede leer la clave de la cuenta de servicio {path}: {error}",
            "cannot read the service-account key {path}: {error}",
            "não é possível ler a chave da conta de serviço {path}: {error}",
        ],
        GoogleNotAKey => [
            "{path} no es un archivo de clave de cuenta de servicio (un JSON con client_email, private_key y token_uri): {error}",
            "{path} is not a service-account key file (JSON with client_email, private_key and token_uri): {error}",
            "{path} não é um arquivo de chave de conta de serviço (um JSON com client_email, private_key e token_uri): {error}",
        ],
        GoogleReadSecret => [
            "no se puede leer el cliente de OAuth {path}: {error} (credentials = \"oauth\" necesita client_secret = \"ruta/a/client_secret.json\", un cliente de OAuth de tipo «App de escritorio» de la consola de Google Cloud)",
            "cannot read the OAuth client secret {path}: {error} (credentials = \"oauth\" needs client_secret = \"path/to/client_secret.json\", an OAuth client of type \"Desktop app\" from the Google Cloud console)",
            "não é possível ler o cliente OAuth {path}: {error} (credentials = \"oauth\" precisa de client_secret = \"caminho/para/client_secret.json\", um cliente OAuth do tipo “App para computador” do console do Google Cloud)",
        ],
        GoogleNotASecret => [
            "{path} no es un archivo de cliente de OAuth (un JSON con un cliente \"installed\": client_id, client_secret, auth_uri, token_uri)",
            "{path} is not an OAuth client-secret file (JSON with an \"installed\" client: client_id, client_secret, auth_uri, token_uri)",
            "{path} não é um arquivo de cliente OAuth (um JSON com um cliente \"installed\": client_id, client_secret, auth_uri, token_uri)",
        ],
        GoogleNoConfigDir => [
            "no hay carpeta de configuración del usuario (¿está definida HOME?)",
            "there is no per-user config directory (is HOME set?)",
            "não há pasta de configuração do usuário (HOME está definida?)",
        ],
        GoogleReadToken => [
            "no se puede leer el token guardado {path}: {error}",
            "cannot read the cached token {path}: {error}",
            "não é possível ler o token guardado {path}: {error}",
        ],
        GoogleTokenDamaged => [
            "el token guardado {path} está dañado",
            "the cached token {path} is damaged",
            "o token guardado {path} está danificado",
        ],
        GoogleWriteToken => [
            "no se puede guardar el token en {path}: {error}",
            "cannot write the token cache {path}: {error}",
            "não é possível guardar o token em {path}: {error}",
        ],
        GoogleRemoveToken => [
            "no se puede borrar {path}: {error}",
            "cannot remove {path}: {error}",
            "não é possível apagar {path}: {error}",
        ],
        GoogleTlsRoots => [
            "no se pueden cargar los certificados raíz TLS del sistema: {error}",
            "cannot load the system's TLS root certificates: {error}",
            "não é possível carregar os certificados raiz TLS do sistema: {error}",
        ],
        GoogleAuthenticator => [
            "no se puede preparar la autenticación de la cuenta de servicio: {error}",
            "cannot set up the service-account authenticator: {error}",
            "não é possível preparar a autenticação da conta de serviço: {error}",
        ],
        GoogleRuntime => [
            "no se puede iniciar el cliente de Google: {error}",
            "cannot start the google client's runtime: {error}",
            "não é possível iniciar o cliente do Google: {error}",
        ],
        GoogleNoAnswer => [
            "{url} no respondió en {n} s",
            "{url} did not answer within {n} s",
            "{url} não respondeu em {n} s",
        ],
        GoogleAnswerCutOff => [
            "{url}: la respuesta llegó cortada",
            "{url}: the answer was cut off",
            "{url}: a resposta chegou cortada",
        ],
        GoogleAnsweredHttp => [
            "{url} respondió HTTP {status}",
            "{url} answered HTTP {status}",
            "{url} respondeu HTTP {status}",
        ],
        GoogleBadTokenUrl => [
            "la dirección del servidor de tokens {url} no es válida: {error}",
            "bad token endpoint URL {url}: {error}",
            "o endereço do servidor de tokens {url} não é válido: {error}",
        ],
        GoogleAnswerNotJson => [
            "{url}: la respuesta no es JSON: {error}",
            "{url}: the answer is not JSON: {error}",
            "{url}: a resposta não é JSON: {error}",
        ],
        GoogleOAuthUser => ["usuario de OAuth", "OAuth user", "usuário de OAuth"],
        GoogleOAuthUserAt => [
            "usuario de OAuth (token guardado en {path})",
            "OAuth user (token cached at {path})",
            "usuário de OAuth (token guardado em {path})",
        ],
        GoogleLoginServiceAccount => [
            "credentials = {credentials} es una clave de cuenta de servicio: no hay sesión que iniciar (ponga credentials = \"oauth\" para publicar como un usuario de Google)",
            "credentials = {credentials} is a service-account key: there is nothing to log in to (set credentials = \"oauth\" to publish as a Google user)",
            "credentials = {credentials} é uma chave de conta de serviço: não há sessão para iniciar (coloque credentials = \"oauth\" para publicar como um usuário do Google)",
        ],
        GoogleLogoutServiceAccount => [
            "credentials = {credentials} es una clave de cuenta de servicio: no hay ninguna sesión guardada (para dejar de usarla, quite o reemplace el archivo de la clave)",
            "credentials = {credentials} is a service-account key: no login is cached (remove or replace the key file to stop using it)",
            "credentials = {credentials} é uma chave de conta de serviço: não há nenhuma sessão guardada (para deixar de usá-la, remova ou substitua o arquivo da chave)",
        ],
        GoogleLoginOpen => [
            "Abra esta dirección en un navegador y permita que sheetdrop use los archivos de Google Drive que crea:\n\n  {url}\n",
            "Open this address in a browser and allow sheetdrop to use the Google Drive files it creates:\n\n  {url}\n",
            "Abra este endereço em um navegador e permita que o sheetdrop use os arquivos do Google Drive que ele cria:\n\n  {url}\n",
        ],
        GoogleLoginBrowserOpened => [
            "(se abrió un navegador)",
            "(a browser was opened)",
            "(um navegador foi aberto)",
        ],
        GoogleLoginNoBrowser => [
            "(no se pudo abrir un navegador: {error}; abra la dirección a mano)",
            "(could not open a browser: {error}; open the address by hand)",
            "(não foi possível abrir um navegador: {error}; abra o endereço manualmente)",
        ],
        GoogleLoginWaiting => [
            "Esperando la respuesta del navegador...",
            "Waiting for the browser to come back...",
            "Aguardando a resposta do navegador...",
        ],
        GoogleNoDesktop => ["no hay sesión de escritorio", "no desktop session", "não há sessão de desktop"],
        GoogleLoginSetup => [
            "no se puede preparar el inicio de sesión: {error}",
            "cannot set up the login: {error}",
            "não é possível preparar o início de sessão: {error}",
        ],
        GoogleLoginTimeout => [
            "el navegador no respondió en 10 minutos",
            "the browser did not come back within 10 minutes",
            "o navegador não respondeu em 10 minutos",
        ],
        GoogleLoginFailed => [
            "falló el inicio de sesión: {error}",
            "the login failed: {error}",
            "o início de sessão falhou: {error}",
        ],
        GoogleLoggedOut => [
            "sesión cerrada: se borró {path}",
            "logged out: {path} removed",
            "sessão encerrada: {path} foi apagado",
        ],
        GoogleLoggedOutRevoked => [
            "sesión cerrada: se borró {path} y se revocó la autorización",
            "logged out: {path} removed and the grant revoked",
            "sessão encerrada: {path} foi apagado e a autorização revogada",
        ],
        GoogleLoggedOutNotRevoked => [
            "sesión cerrada: se borró {path} (no se pudo revocar la autorización: {error})",
            "logged out: {path} removed (the grant could not be revoked: {error})",
            "sessão encerrada: {path} foi apagado (não foi possível revogar a autorização: {error})",
        ],
        GoogleNoLogin => [
            "no había ninguna sesión guardada en {path}",
            "no login was cached at {path}",
            "não havia nenhuma sessão guardada em {path}",
        ],
        GoogleTabEmpty => [
            "un nombre de entidad vacío no puede ser el nombre de una pestaña",
            "an empty entity name cannot be a tab name",
            "um nome de entidade vazio não pode ser o nome de uma aba",
        ],
        GoogleTabReserved => [
            "el nombre de entidad {entity} está reservado en la planilla (la pestaña {manifest} y los nombres que terminan en {suffix} son de sheetdrop)",
            "entity name {entity} is reserved in the spreadsheet (tab {manifest} and names ending in {suffix} are sheetdrop's own)",
            "o nome de entidade {entity} está reservado na planilha (a aba {manifest} e os nomes terminados em {suffix} são do sheetdrop)",
        ],
        GoogleTabControl => [
            "el nombre de entidad {entity} tiene un carácter de control, que no puede ir en el nombre de una pestaña",
            "entity name {entity} has a control character, which a tab name cannot hold",
            "o nome de entidade {entity} tem um caractere de controle, que não pode estar no nome de uma aba",
        ],
        GoogleTabTooLong => [
            "el nombre de entidad {entity} es demasiado largo para una pestaña: como máximo {max} caracteres",
            "entity name {entity} is too long for a tab name: at most {max} characters",
            "o nome de entidade {entity} é longo demais para uma aba: no máximo {max} caracteres",
        ],
        GoogleHeaderColumn => [
            "la columna {column} del encabezado",
            "the header's column {column}",
            "a coluna {column} do cabeçalho",
        ],
        GoogleRowColumn => [
            "la fila {row}, columna {column}",
            "row {row}, column {column}",
            "o registro {row}, coluna {column}",
        ],
        GoogleCellTooLong => [
            "{entity}: no se publicó en Sheets: {cells} celda(s) superan el límite de Sheets de {max} caracteres por celda; la primera, {place}, tiene {len} caracteres ({over} de más); el archivo original está en Drive",
            "{entity}: not published to Sheets: {cells} cell(s) exceed Sheets' limit of {max} characters per cell; the first, {place}, has {len} characters ({over} over); the raw file is in Drive",
            "{entity}: não publicado no Sheets: {cells} célula(s) passam do limite do Sheets de {max} caracteres por célula; a primeira, {place}, tem {len} caracteres ({over} a mais); o arquivo original está no Drive",
        ],
        GoogleTooManyCells => [
            "{entity}: no se publicó en Sheets: {cells} celdas ({rows} filas x {columns} columnas) más las {other} de las otras pestañas suman {total}, {over} más que el límite de Sheets de {max} celdas por planilla; el archivo original está en Drive",
            "{entity}: not published to Sheets: {cells} cells ({rows} rows x {columns} columns) plus the other tabs' {other} make {total}, {over} over Sheets' limit of {max} cells per spreadsheet; the raw file is in Drive",
            "{entity}: não publicado no Sheets: {cells} células ({rows} registros x {columns} colunas) mais as {other} das outras abas somam {total}, {over} acima do limite do Sheets de {max} células por planilha; o arquivo original está no Drive",
        ],
        GoogleRowTooBig => [
            "{entity}: no se publicó en Sheets: una fila ocupa {bytes} bytes de JSON, más que los {max} bytes que admite un pedido; el archivo original está en Drive",
            "{entity}: not published to Sheets: a row takes {bytes} bytes of JSON, above the {max} bytes one request may carry; the raw file is in Drive",
            "{entity}: não publicado no Sheets: um registro ocupa {bytes} bytes de JSON, mais que os {max} bytes que uma requisição admite; o arquivo original está no Drive",
        ],
        }
    };
}
