//! `sheetdrop doctor`: one line per check, OK or FAIL, and a fix for each failure.
//!
//! A list for `texts!` (`mod.rs`): `doctor_texts!` adds its keys to the ones it is
//! given and hands them all on to the next list's macro (the last is `texts!` itself).

macro_rules! doctor_texts {
    ($next:ident $(, $rest:ident)* ; $($done:tt)*) => {
        $next! { $($rest),* ; $($done)*
        // `sheetdrop doctor`: one line per check, OK or FAIL, and a fix for each failure.
        DoctorOk => ["OK", "OK", "OK"],
        DoctorFail => ["FALLA", "FAIL", "FALHA"],
        DoctorWarn => ["AVISO", "WARN", "AVISO"],
        DoctorNamePatterns => ["patrones de archivo", "file patterns", "padrões de arquivo"],
        DoctorPatternsFix => [
            "haga que cada archivo coincida con un solo patrón `file` en {config}",
            "make each file match a single `file` pattern in {config}",
            "faça cada arquivo corresponder a um só padrão `file` em {config}",
        ],
        DoctorFix => ["solución: {fix}", "fix: {fix}", "solução: {fix}"],
        DoctorAllOk => ["Resultado: todo en orden.", "Result: everything is fine.", "Resultado: tudo em ordem."],
        DoctorFailedOne => [
            "Resultado: {n} comprobación falló.",
            "Result: {n} check failed.",
            "Resultado: {n} verificação falhou.",
        ],
        DoctorFailedMany => [
            "Resultado: {n} comprobaciones fallaron.",
            "Result: {n} checks failed.",
            "Resultado: {n} verificações falharam.",
        ],
        DoctorInfoConfig => ["configuración: {path}", "config: {path}", "configuração: {path}"],
        DoctorInfoNoConfig => [
            "ninguna (valores predeterminados)",
            "none (built-in defaults)",
            "nenhuma (valores padrão)",
        ],
        DoctorInfoDataDir => ["datos: {path}", "data dir: {path}", "dados: {path}"],
        DoctorInfoLogDir => ["registros: {path}", "logs: {path}", "logs: {path}"],
        DoctorConfigNotFound => [
            "no existe el archivo de configuración {path} (indicado con --config)",
            "the config file {path} (given with --config) does not exist",
            "o arquivo de configuração {path} (indicado com --config) não existe",
        ],
        DoctorNameConfig => ["configuración", "config", "configuração"],
        DoctorNameFolder => ["carpeta", "folder", "pasta"],
        DoctorNameDataDir => ["datos", "data dir", "dados"],
        DoctorNameState => ["estado", "state store", "estado"],
        DoctorNameDestination => ["destino", "destination", "destino"],
        DoctorNameCredentials => ["credenciales", "credentials", "credenciais"],
        DoctorNameToken => ["token", "token", "token"],
        DoctorNameSpreadsheet => ["planilla", "spreadsheet", "planilha"],
        DoctorNameDriveFolder => ["carpeta de Drive", "Drive folder", "pasta do Drive"],
        DoctorNameClock => ["reloj", "clock", "relógio"],
        DoctorConfigExplicit => [
            "{path} (indicado con --config)",
            "{path} (given with --config)",
            "{path} (indicado com --config)",
        ],
        DoctorConfigUser => ["{path} (del usuario)", "{path} (per-user)", "{path} (do usuário)"],
        DoctorConfigSystem => [
            "{path} (de todo el equipo)",
            "{path} (system-wide)",
            "{path} (de todo o sistema)",
        ],
        DoctorConfigDefaults => [
            "no hay archivo de configuración: se usan los valores predeterminados (buscado en {paths})",
            "no config file: built-in defaults apply (looked for {paths})",
            "não há arquivo de configuração: valem os valores padrão (procurado em {paths})",
        ],
        DoctorConfigFix => [
            "corrija {path} donde indica el mensaje (archivo y línea) y vuelva a ejecutar `sheetdrop doctor`",
            "correct {path} where the message says (file and line), then run `sheetdrop doctor` again",
            "corrija {path} onde a mensagem indica (arquivo e linha) e execute `sheetdrop doctor` de novo",
        ],
        DoctorConfigUnreadableFix => [
            "dé permiso de lectura sobre {path} al usuario que ejecuta sheetdrop, o indique otro archivo con --config",
            "make {path} readable by the user running sheetdrop, or give another file with --config",
            "dê permissão de leitura em {path} ao usuário que executa o sheetdrop, ou indique outro arquivo com --config",
        ],
        DoctorFolderOk => ["{path}: {files}", "{path}: {files}", "{path}: {files}"],
        DoctorFilesOne => [
            "{n} archivo de datos reconocido",
            "{n} entity file found",
            "{n} arquivo de dados reconhecido",
        ],
        DoctorFilesMany => [
            "{n} archivos de datos reconocidos",
            "{n} entity files found",
            "{n} arquivos de dados reconhecidos",
        ],
        DoctorFolderMissing => ["{path} no existe", "{path} does not exist", "{path} não existe"],
        DoctorFolderMissingFix => [
            "cree la carpeta {path}, o corrija `folder` en [source] de {config}",
            "create the folder {path}, or correct `folder` in [source] of {config}",
            "crie a pasta {path}, ou corrija `folder` em [source] de {config}",
        ],
        DoctorFolderNotDirFix => [
            "indique una carpeta (no un archivo) en `folder` de [source] de {config}",
            "point `folder` in [source] of {config} to a folder, not a file",
            "indique uma pasta (não um arquivo) em `folder` de [source] de {config}",
        ],
        DoctorFolderUnreadable => [
            "no se puede listar {path}: {error}",
            "cannot list {path}: {error}",
            "não é possível listar {path}: {error}",
        ],
        DoctorFolderUnreadableFix => [
            "dé permiso de lectura sobre {path} al usuario que ejecuta sheetdrop",
            "give the user running sheetdrop read access to {path}",
            "dê permissão de leitura em {path} ao usuário que executa o sheetdrop",
        ],
        DoctorWritable => ["{path}: se puede escribir", "{path}: writable", "{path}: gravável"],
        DoctorCreatedWritable => [
            "{path}: creada, se puede escribir",
            "{path}: created, writable",
            "{path}: criada, gravável",
        ],
        DoctorWriteFailed => [
            "no se puede escribir en {path}: {error}",
            "cannot write in {path}: {error}",
            "não é possível gravar em {path}: {error}",
        ],
        DoctorDataDirFix => [
            "dé permiso de escritura sobre {path} al usuario que ejecuta sheetdrop, o elija otra carpeta con --data-dir",
            "give the user running sheetdrop write access to {path}, or choose another folder with --data-dir",
            "dê permissão de gravação em {path} ao usuário que executa o sheetdrop, ou escolha outra pasta com --data-dir",
        ],
        DoctorStateOk => [
            "{path}: esquema versión {version}, correcto",
            "{path}: schema version {version}, ok",
            "{path}: esquema versão {version}, correto",
        ],
        DoctorStateCreated => [
            "{path}: creado ahora, esquema versión {version}",
            "{path}: created now, schema version {version}",
            "{path}: criado agora, esquema versão {version}",
        ],
        DoctorStateOlder => [
            "{path}: esquema versión {found}; el agente lo actualiza a la versión {known} al arrancar",
            "{path}: schema version {found}; the agent updates it to version {known} when it starts",
            "{path}: esquema versão {found}; o agente o atualiza para a versão {known} ao iniciar",
        ],
        DoctorStateNewerFix => [
            "instale la versión de sheetdrop que escribió {path} (o una más nueva)",
            "install the version of sheetdrop that wrote {path} (or a newer one)",
            "instale a versão do sheetdrop que gravou {path} (ou uma mais nova)",
        ],
        DoctorStateNotWalFix => [
            "use una carpeta de datos en un disco local (--data-dir): la base de datos no funciona en esta unidad",
            "use a data dir on a local disk (--data-dir): the database does not work on this drive",
            "use uma pasta de dados em um disco local (--data-dir): o banco de dados não funciona nesta unidade",
        ],
        DoctorStateFix => [
            "revise que {path} se pueda leer y escribir; si el problema sigue, envíe esta salida a soporte",
            "check that {path} can be read and written; if the problem stays, send this output to support",
            "verifique se {path} pode ser lido e gravado; se o problema continuar, envie esta saída ao suporte",
        ],
        DoctorLocalOk => [
            "carpeta local {path}: se puede escribir",
            "local folder {path}: writable",
            "pasta local {path}: gravável",
        ],
        DoctorLocalFix => [
            "dé permiso de escritura sobre {path} al usuario que ejecuta sheetdrop, o corrija `folder` en [destination] de {config}",
            "give the user running sheetdrop write access to {path}, or correct `folder` in [destination] of {config}",
            "dê permissão de gravação em {path} ao usuário que executa o sheetdrop, ou corrija `folder` em [destination] de {config}",
        ],
        DoctorGoogle => [
            "Google Sheets y Drive, como {identity}",
            "Google Sheets and Drive, as {identity}",
            "Google Sheets e Drive, como {identity}",
        ],
        DoctorServiceAccount => [
            "cuenta de servicio {email} (clave {path})",
            "service account {email} (key {path})",
            "conta de serviço {email} (chave {path})",
        ],
        DoctorServiceAccountKey => [
            "cuenta de servicio (clave {path})",
            "service account (key {path})",
            "conta de serviço (chave {path})",
        ],
        DoctorOAuthUser => [
            "usuario de Google de `sheetdrop auth login` (cliente {path})",
            "Google user of `sheetdrop auth login` (client {path})",
            "usuário do Google de `sheetdrop auth login` (cliente {path})",
        ],
        DoctorKeyFix => [
            "guarde la clave de la cuenta de servicio (el JSON descargado de Google Cloud) en {path}, o corrija `credentials` en [destination.google] de {config}",
            "save the service-account key (the JSON downloaded from Google Cloud) as {path}, or correct `credentials` in [destination.google] of {config}",
            "salve a chave da conta de serviço (o JSON baixado do Google Cloud) em {path}, ou corrija `credentials` em [destination.google] de {config}",
        ],
        DoctorSecretFix => [
            "guarde el cliente OAuth (el JSON «client_secret» de una app de escritorio de Google Cloud) en {path}, o corrija `client_secret` en [destination.google] de {config}",
            "save the OAuth client (the \"client_secret\" JSON of a Desktop app from Google Cloud) as {path}, or correct `client_secret` in [destination.google] of {config}",
            "salve o cliente OAuth (o JSON “client_secret” de um app para computador do Google Cloud) em {path}, ou corrija `client_secret` em [destination.google] de {config}",
        ],
        DoctorLoginFix => [
            "ejecute `sheetdrop auth login` con el usuario que ejecuta el agente",
            "run `sheetdrop auth login` as the user who runs the agent",
            "execute `sheetdrop auth login` com o usuário que executa o agente",
        ],
        DoctorTokenOk => [
            "se obtuvo un token de acceso",
            "an access token was obtained",
            "um token de acesso foi obtido",
        ],
        DoctorTokenKeyFix => [
            "Google rechazó la clave: cree una clave nueva para {email} en Google Cloud y guárdela como {path} (si el reloj está mal, corríjalo antes)",
            "Google refused the key: create a new key for {email} in Google Cloud and save it as {path} (if the clock is wrong, fix it first)",
            "o Google recusou a chave: crie uma chave nova para {email} no Google Cloud e salve-a em {path} (se o relógio estiver errado, corrija-o antes)",
        ],
        DoctorNetworkFix => [
            "revise la conexión de este equipo con Google (red, proxy, firewall) y vuelva a ejecutar `sheetdrop doctor`",
            "check this computer's connection to Google (network, proxy, firewall), then run `sheetdrop doctor` again",
            "verifique a conexão deste computador com o Google (rede, proxy, firewall) e execute `sheetdrop doctor` de novo",
        ],
        DoctorNotCreatedYet => [
            "todavía no existe: se crea en la primera publicación",
            "not created yet: it will be created at first publish",
            "ainda não existe: será criada na primeira publicação",
        ],
        DoctorReachable => ["{id} «{name}»: accesible", "{id} \"{name}\": reachable", "{id} “{name}”: acessível"],
        DoctorTrashed => [
            "{id} «{name}» está en la papelera de Drive",
            "{id} \"{name}\" is in the Drive trash",
            "{id} “{name}” está na lixeira do Drive",
        ],
        DoctorTrashedFix => [
            "restáurela desde la papelera de Drive",
            "restore it from the Drive trash",
            "restaure-a da lixeira do Drive",
        ],
        DoctorNotFound => ["{id}: no encontrada (404)", "{id}: not found (404)", "{id}: não encontrada (404)"],
        DoctorForbidden => ["{id}: acceso denegado (403)", "{id}: access denied (403)", "{id}: acesso negado (403)"],
        DoctorShareFix => [
            "compártala con {identity} como editor, o corrija `{setting}` en [destination.google] de {config}",
            "share it with {identity} as editor, or correct `{setting}` in [destination.google] of {config}",
            "compartilhe-a com {identity} como editor, ou corrija `{setting}` em [destination.google] de {config}",
        ],
        DoctorSpreadsheetGoneFix => [
            "sheetdrop la había creado y ya no está: la próxima publicación crea otra; pase su nueva dirección a quien la lee",
            "sheetdrop created it and it is gone: the next publish creates a new one; give its new address to whoever reads it",
            "o sheetdrop a tinha criado e ela não existe mais: a próxima publicação cria outra; passe o novo endereço a quem a lê",
        ],
        DoctorFolderGoneFix => [
            "sheetdrop la había creado y ya no está: la próxima publicación crea otra (con una subcarpeta por entidad) y la comparte; si prefiere la anterior, restáurela desde la papelera de Drive antes",
            "sheetdrop created it and it is gone: the next publish creates a new one (with a subfolder per entity) and shares it; to keep the old one, restore it from the Drive trash before that",
            "o sheetdrop a tinha criado e ela não existe mais: a próxima publicação cria outra (com uma subpasta por entidade) e a compartilha; para manter a anterior, restaure-a da lixeira do Drive antes disso",
        ],
        DoctorClockOk => ["{time}", "{time}", "{time}"],
        DoctorClockOkGoogle => [
            "{time}, a {n} s del reloj de Google",
            "{time}, {n} s from Google's clock",
            "{time}, a {n} s do relógio do Google",
        ],
        DoctorClockYear => [
            "el reloj del sistema marca {time}",
            "the system clock says {time}",
            "o relógio do sistema marca {time}",
        ],
        DoctorClockYearFix => [
            "ponga en hora la fecha y la hora del equipo (active la sincronización automática de la hora)",
            "set the computer's date and time (turn on automatic time synchronization)",
            "acerte a data e a hora do computador (ative a sincronização automática da hora)",
        ],
        DoctorClockSkew => [
            "{time}, a {n} s del reloj de Google ({server})",
            "{time}, {n} s from Google's clock ({server})",
            "{time}, a {n} s do relógio do Google ({server})",
        ],
        DoctorClockSkewFix => [
            "active la sincronización automática de la hora (NTP): Google rechaza los tokens si el reloj se desvía más de 5 minutos",
            "turn on automatic time synchronization (NTP): Google refuses tokens when the clock is off by more than 5 minutes",
            "ative a sincronização automática da hora (NTP): o Google recusa os tokens se o relógio se desviar mais de 5 minutos",
        ],
        }
    };
}
