//! The string table: one line per key, `[Spanish, English, Brazilian Portuguese]`. The macro
//! builds the [`Text`] enum, its list and an exhaustive `match`, so a key cannot exist
//! without its three translations. `{name}` marks a value filled in by `Lang::format`.

macro_rules! texts {
    ($($key:ident => [$es:literal, $en:literal, $pt:literal $(,)?],)*) => {
        /// A user-facing string; its English text is its documentation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Text {
            $(
                #[doc = $en]
                $key,
            )*
        }

        impl Text {
            /// Every key, in declaration order.
            pub const ALL: &'static [Text] = &[$(Text::$key),*];
        }

        /// `[es, en, pt-BR]` of `key`.
        pub(super) fn table(key: Text) -> [&'static str; 3] {
            match key {
                $(Text::$key => [$es, $en, $pt],)*
            }
        }
    };
}

texts! {
    // States at a glance (tray icon, report banner).
    HealthPublished => ["Todo publicado", "All published", "Tudo publicado"],
    HealthWorking => ["Trabajando", "Working", "Trabalhando"],
    HealthAttention => ["Requiere atención", "Needs attention", "Requer atenção"],
    HealthError => ["Hay un problema", "Something failed", "Há um problema"],
    HealthPaused => ["En pausa", "Paused", "Pausado"],
    NoFilesYet => [
        "Todavía no llegó ningún archivo a la carpeta",
        "No file has arrived in the folder yet",
        "Nenhum arquivo chegou à pasta ainda",
    ],
    NotRunYet => [
        "El agente todavía no se ejecutó en esta computadora",
        "The agent has not run on this computer yet",
        "O agente ainda não foi executado neste computador",
    ],

    // Verdicts.
    VerdictAccepted => ["Aceptado", "Accepted", "Aceito"],
    VerdictPartial => ["Parcial", "Partial", "Parcial"],
    VerdictRejected => ["Rechazado", "Rejected", "Rejeitado"],
    VerdictHeld => ["Retenido", "Held", "Retido"],
    VerdictMissing => ["Sin archivo", "No file", "Sem arquivo"],
    VerdictUnchanged => ["Sin cambios", "Unchanged", "Sem alterações"],

    // Relative times.
    JustNow => ["recién", "just now", "agora mesmo"],
    Now => ["ahora", "now", "agora"],
    Never => ["nunca", "never", "nunca"],
    AgoSeconds => ["hace {n} s", "{n} s ago", "há {n} s"],
    AgoMinutes => ["hace {n} min", "{n} min ago", "há {n} min"],
    AgoHours => ["hace {n} h", "{n} h ago", "há {n} h"],
    AgoDay => ["hace {n} día", "{n} day ago", "há {n} dia"],
    AgoDays => ["hace {n} días", "{n} days ago", "há {n} dias"],
    InSeconds => ["en {n} s", "in {n} s", "em {n} s"],
    InMinutes => ["en {n} min", "in {n} min", "em {n} min"],
    InHours => ["en {n} h", "in {n} h", "em {n} h"],
    InDays => ["en {n} días", "in {n} days", "em {n} dias"],

    // Counts.
    IssuesOne => ["{n} problema", "{n} issue", "{n} problema"],
    IssuesMany => ["{n} problemas", "{n} issues", "{n} problemas"],
    RowsOne => ["{n} fila", "{n} row", "{n} registro"],
    RowsMany => ["{n} filas", "{n} rows", "{n} registros"],

    // The HTML report.
    ReportTitle => ["Informe de sheetdrop", "sheetdrop report", "Relatório do sheetdrop"],
    GeneratedAt => [
        "Informe actualizado el {time}",
        "Report updated {time}",
        "Relatório atualizado em {time}",
    ],
    LastPublished => [
        "Última publicación: {when}",
        "Last published: {when}",
        "Última publicação: {when}",
    ],
    SummaryHeading => ["Resumen por archivo", "Summary by file", "Resumo por arquivo"],
    ColEntity => ["Datos", "Data", "Dados"],
    ColFile => ["Archivo", "File", "Arquivo"],
    ColVerdict => ["Resultado", "Result", "Resultado"],
    ColRows => ["Filas", "Rows", "Registros"],
    ColRowsAccepted => ["Filas publicables", "Rows accepted", "Registros aceitos"],
    ColIssues => ["Problemas", "Issues", "Problemas"],
    ColPublished => ["Publicado", "Published", "Publicado"],
    Encoding => ["Codificación", "Encoding", "Codificação"],
    Delimiter => ["Separador", "Delimiter", "Separador"],
    ReceivedAt => ["Recibido", "Received", "Recebido"],
    Destination => ["Destino", "Destination", "Destino"],
    DelimComma => ["coma", "comma", "vírgula"],
    DelimSemicolon => ["punto y coma", "semicolon", "ponto e vírgula"],
    DelimTab => ["tabulador", "tab", "tabulação"],
    DelimPipe => ["barra vertical", "vertical bar", "barra vertical"],
    Unknown => ["desconocido", "unknown", "desconhecido"],
    NotPublishedYet => ["todavía no", "not yet", "ainda não"],
    OpenLink => ["abrir", "open", "abrir"],
    LastError => ["Último error", "Last error", "Último erro"],
    PublishPending => [
        "Publicación pendiente; próximo intento {when}.",
        "Publish pending; next attempt {when}.",
        "Publicação pendente; próxima tentativa {when}.",
    ],
    HeldHint => [
        "Este archivo quedó retenido y no se publicó. Si los datos son correctos, confírmelo con el comando {command}.",
        "This file is held and was not published. If the data is right, confirm it with the command {command}.",
        "Este arquivo ficou retido e não foi publicado. Se os dados estiverem corretos, confirme com o comando {command}.",
    ],
    RejectedHint => [
        "No se publicó nada de este archivo: siguen publicados los datos anteriores. Corrija los problemas de abajo y vuelva a exportarlo.",
        "Nothing of this file was published: the previous data stays published. Fix the issues below and export it again.",
        "Nada deste arquivo foi publicado: os dados anteriores continuam publicados. Corrija os problemas abaixo e exporte-o novamente.",
    ],
    PartialHint => [
        "Publicado en parte: {accepted} de {rows}. Las filas con errores, listadas abajo, quedaron afuera.",
        "Published in part: {accepted} of {rows}. The rows with errors, listed below, were left out.",
        "Publicado em parte: {accepted} de {rows}. Os registros com erros, listados abaixo, ficaram de fora.",
    ],
    NoIssues => [
        "Sin problemas: se publica completo.",
        "No issues: published in full.",
        "Nenhum problema: publicado por completo.",
    ],
    IssuesHeading => ["Problemas encontrados", "Issues found", "Problemas encontrados"],
    WhatToFix => ["Qué hacer", "What to do", "O que fazer"],
    ColSeverity => ["Tipo", "Kind", "Tipo"],
    ColRow => ["Fila", "Row", "Registro"],
    ColLine => ["Línea del archivo", "Line in file", "Linha no arquivo"],
    ColColumn => ["Columna", "Column", "Coluna"],
    ColValue => ["Valor", "Value", "Valor"],
    ColDetail => ["Detalle", "Detail", "Detalhe"],
    SeverityError => ["Error", "Error", "Erro"],
    SeverityWarning => ["Aviso", "Warning", "Aviso"],
    EmptyValue => ["(vacío)", "(empty)", "(vazio)"],
    FirstUsedOnRow => [
        "ya usado en la fila {row}",
        "already used on row {row}",
        "já usado no registro {row}",
    ],
    MoreNotListed => [
        "Y {n} más de este tipo que no se listan aquí.",
        "And {n} more of this kind not listed here.",
        "E mais {n} deste tipo que não são listados aqui.",
    ],
    ActivityHeading => ["Actividad reciente", "Recent activity", "Atividade recente"],
    ColStarted => ["Inicio", "Started", "Início"],
    ColDuration => ["Duración", "Duration", "Duração"],
    ColTrigger => ["Motivo", "Reason", "Motivo"],
    ColOutcome => ["Qué pasó", "What happened", "O que aconteceu"],
    NoRuns => [
        "Todavía no hubo actividad.",
        "No activity yet.",
        "Nenhuma atividade ainda.",
    ],
    RunUnfinished => [
        "en curso o interrumpida",
        "running or interrupted",
        "em andamento ou interrompida",
    ],
    TriggerStartup => ["inicio del agente", "agent start", "início do agente"],
    TriggerChange => ["archivo nuevo o modificado", "new or changed file", "arquivo novo ou alterado"],
    TriggerRescan => ["revisión periódica", "periodic check", "verificação periódica"],
    TriggerManual => ["sincronización manual", "manual sync", "sincronização manual"],
    TriggerApprove => ["aprobación", "approval", "aprovação"],
    TriggerOnce => ["ejecución única", "single run", "execução única"],
    TriggerRetry => ["reintento de publicación", "publish retry", "nova tentativa de publicação"],
    RunChecked => ["{n} revisados", "{n} checked", "{n} verificados"],
    RunUnchanged => ["{n} sin cambios", "{n} unchanged", "{n} sem alterações"],
    RunRefused => ["{n} rechazados o retenidos", "{n} refused or held", "{n} rejeitados ou retidos"],
    RunPublished => ["{n} publicados", "{n} published", "{n} publicados"],
    RunPending => ["{n} pendientes", "{n} pending", "{n} pendentes"],
    RunNothingNew => ["sin novedades", "nothing new", "nada de novo"],
    WhereHeading => ["Dónde está cada cosa", "Where things are", "Onde fica cada coisa"],
    DataFolder => ["Datos del agente", "Agent data", "Dados do agente"],
    LogFolder => ["Registro (logs)", "Logs", "Registro (logs)"],
    ThisReport => ["Este informe", "This report", "Este relatório"],
    Footer => [
        "Generado por sheetdrop {version}. Esta página se actualiza sola después de cada revisión; vuelva a abrirla o recárguela para ver lo último.",
        "Made by sheetdrop {version}. This page is rewritten after every check; reload it to see the latest.",
        "Gerado pelo sheetdrop {version}. Esta página é atualizada após cada verificação; recarregue-a para ver o mais recente.",
    ],

    // Tray menu.
    MenuSyncNow => ["Sincronizar ahora", "Sync now", "Sincronizar agora"],
    MenuPause => ["Pausar", "Pause", "Pausar"],
    MenuResume => ["Reanudar", "Resume", "Retomar"],
    MenuOpenExports => [
        "Abrir carpeta de exportaciones",
        "Open exports folder",
        "Abrir pasta de exportações",
    ],
    MenuViewReport => ["Ver informe", "View report", "Ver relatório"],
    MenuOpenLog => ["Abrir registro", "Open log", "Abrir registro"],
    MenuCopyDiagnostics => ["Copiar diagnóstico", "Copy diagnostics", "Copiar diagnóstico"],
    MenuAbout => ["Acerca de", "About", "Sobre"],
    MenuQuit => ["Salir", "Quit", "Sair"],
    MenuEntityLine => [
        "{entity}: {verdict} · {rows} · publicado {when} · {issues}",
        "{entity}: {verdict} · {rows} · published {when} · {issues}",
        "{entity}: {verdict} · {rows} · publicado {when} · {issues}",
    ],
    DiagnosticsCopied => [
        "Diagnóstico copiado al portapapeles",
        "Diagnostics copied to the clipboard",
        "Diagnóstico copiado para a área de transferência",
    ],

    // Desktop notifications.
    NotifyRejected => [
        "{entity}: el archivo {file} fue rechazado y no se publicó",
        "{entity}: the file {file} was rejected and not published",
        "{entity}: o arquivo {file} foi rejeitado e não foi publicado",
    ],
    NotifyHeld => [
        "{entity}: el archivo {file} quedó retenido porque tiene muchas menos filas que el anterior",
        "{entity}: the file {file} is held because it has far fewer rows than the previous one",
        "{entity}: o arquivo {file} ficou retido porque tem muito menos registros que o anterior",
    ],
    NotifyPublishFailing => [
        "{entity}: no se puede publicar; se reintenta solo",
        "{entity}: cannot publish; retrying on its own",
        "{entity}: não é possível publicar; tentando novamente sozinho",
    ],
    NotifyRecovered => [
        "{entity}: se volvió a publicar con normalidad",
        "{entity}: publishing works again",
        "{entity}: a publicação voltou ao normal",
    ],
    NotifyDetails => [
        "Abra «Ver informe» para ver qué corregir.",
        "Open “View report” to see what to fix.",
        "Abra “Ver relatório” para ver o que corrigir.",
    ],

    // Command-line text output (`validate`, `status`, `approve`, `auth`).
    CliErrorPrefix => ["error", "error", "erro"],
    CliChecked => ["Carpeta revisada: {folder}", "Checked {folder}", "Pasta verificada: {folder}"],
    CliNoFile => ["no está en la carpeta", "missing from the folder", "não está na pasta"],
    CliEntityLine => [
        "{file} ({encoding}, separador {delimiter}), {rows}, {outcome}",
        "{file} ({encoding}, delimiter {delimiter}), {rows}, {outcome}",
        "{file} ({encoding}, separador {delimiter}), {rows}, {outcome}",
    ],
    CliAllPublishable => [
        "se puede publicar todo",
        "all can be published",
        "tudo pode ser publicado",
    ],
    CliPartPublishable => [
        "filas publicables: {accepted}, filas que quedan afuera: {left}",
        "{accepted} can be published, {left} left out",
        "registros publicáveis: {accepted}, registros que ficam de fora: {left}",
    ],
    CliNothingPublishable => [
        "no se publicará nada",
        "nothing will be published",
        "nada será publicado",
    ],
    CliIssues => ["problemas: {list}", "issues: {list}", "problemas: {list}"],
    CliRow => ["fila {n}", "row {n}", "registro {n}"],
    CliLine => ["línea {n}", "line {n}", "linha {n}"],
    CliColumn => ["columna «{column}»", "column \"{column}\"", "coluna “{column}”"],
    CliValue => ["valor «{value}»", "value \"{value}\"", "valor “{value}”"],
    CliMore => [
        "... y {n} más (use --format json para verlos todos)",
        "... and {n} more (use --format json for all)",
        "... e mais {n} (use --format json para ver todos)",
    ],
    CliResultOk => [
        "Resultado: todos los archivos encontrados se pueden publicar. (validate solo revisa; no publica nada)",
        "Result: every file found can be published. (validate only checks; it publishes nothing)",
        "Resultado: todos os arquivos encontrados podem ser publicados. (validate só verifica; não publica nada)",
    ],
    CliResultNotOk => [
        "Resultado: archivos rechazados: {rejected}; parciales: {partial}. (validate solo revisa; no publica nada)",
        "Result: {rejected} file(s) rejected, {partial} partial. (validate only checks; it publishes nothing)",
        "Resultado: arquivos rejeitados: {rejected}; parciais: {partial}. (validate só verifica; não publica nada)",
    ],
    CliNotAFolder => ["{path} no es una carpeta", "{path} is not a folder", "{path} não é uma pasta"],
    StatusNotRun => [
        "Todavía no hay datos en {dir}: el agente no se ejecutó.",
        "No state yet in {dir}: the agent has not run.",
        "Ainda não há dados em {dir}: o agente não foi executado.",
    ],
    StatusHeader => ["{overall}. Datos: {dir}", "{overall}. Data: {dir}", "{overall}. Dados: {dir}"],
    StatusRows => [
        "filas: {rows} ({accepted} publicables)",
        "rows {rows} ({accepted} accepted)",
        "registros: {rows} ({accepted} aceitos)",
    ],
    StatusLastPublished => [
        "última publicación: {when}",
        "last published: {when}",
        "última publicação: {when}",
    ],
    StatusPending => [
        "publicación pendiente, próximo intento {when}",
        "publish pending, next attempt {when}",
        "publicação pendente, próxima tentativa {when}",
    ],
    StatusLastError => ["último error: {error}", "last error: {error}", "último erro: {error}"],
    StatusHeld => [
        "retenido: si los datos son correctos, libérelo con `sheetdrop approve {entity}`",
        "held: release it with `sheetdrop approve {entity}`",
        "retido: se os dados estiverem corretos, libere-o com `sheetdrop approve {entity}`",
    ],
    StatusLastRun => [
        "Última actividad {when} ({trigger}): {outcome}",
        "Last run {when} ({trigger}): {outcome}",
        "Última atividade {when} ({trigger}): {outcome}",
    ],
    ApproveReleased => [
        "{entity}: {file} liberado ({verdict}, {rows}); lo publica el agente si está en marcha, o el próximo `sheetdrop run`",
        "{entity}: {file} released ({verdict}, {rows}); it is published by the running agent, or by the next `sheetdrop run`",
        "{entity}: {file} liberado ({verdict}, {rows}); será publicado pelo agente em execução ou pelo próximo `sheetdrop run`",
    ],
    ApproveNothingHeld => [
        "{entity}: no hay nada retenido",
        "{entity}: nothing is held",
        "{entity}: não há nada retido",
    ],
    ApproveUnknownEntity => [
        "no hay datos llamados {entity}; los nombres válidos son: {names}",
        "no entity named {entity}; the entities are: {names}",
        "não há dados chamados {entity}; os nomes válidos são: {names}",
    ],
    ApproveNoState => [
        "no hay datos en {dir}: el agente todavía no se ejecutó",
        "no state in {dir}: the agent has not run",
        "não há dados em {dir}: o agente ainda não foi executado",
    ],
    AuthNotGoogle => [
        "el destino de {config} no es Google (kind = \"google\" en [destination]): no hay credenciales de Google que usar",
        "the destination of {config} is not Google (kind = \"google\" in [destination]): there are no Google credentials to use",
        "o destino de {config} não é o Google (kind = \"google\" em [destination]): não há credenciais do Google para usar",
    ],
    AuthDefaultConfig => [
        "la configuración predeterminada",
        "the default configuration",
        "a configuração padrão",
    ],
    AuthLoggedIn => [
        "sesión iniciada; el token quedó guardado en {path}",
        "logged in; the token is cached at {path}",
        "sessão iniciada; o token foi guardado em {path}",
    ],
    AuthRetryOne => [
        "{n} publicación pendiente se vuelve a intentar ahora",
        "{n} pending publish(es) will be tried again now",
        "{n} publicação pendente será tentada de novo agora",
    ],
    AuthRetryMany => [
        "{n} publicaciones pendientes se vuelven a intentar ahora",
        "{n} pending publish(es) will be tried again now",
        "{n} publicações pendentes serão tentadas de novo agora",
    ],
    AuthLoginFailed => [
        "no se pudo iniciar sesión: {error}",
        "auth login: {error}",
        "não foi possível iniciar a sessão: {error}",
    ],
    AuthIdentity => ["identidad: {identity}", "identity: {identity}", "identidade: {identity}"],
    AuthTokenWorks => ["token: funciona", "token: works", "token: funciona"],
    AuthTokenFails => [
        "token: no funciona: {why}",
        "token: does not work: {why}",
        "token: não funciona: {why}",
    ],
    AuthLogoutFailed => [
        "no se pudo cerrar la sesión: {error}",
        "auth logout: {error}",
        "não foi possível encerrar a sessão: {error}",
    ],

    // `sheetdrop doctor`: one line per check, OK or FAIL, and a fix for each failure.
    DoctorOk => ["OK", "OK", "OK"],
    DoctorFail => ["FALLA", "FAIL", "FALHA"],
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
        "sheetdrop la había creado y ya no está: restáurela desde la papelera de Drive, o indique en `drive_folder_id` de [destination.google] de {config} una carpeta compartida con {identity}",
        "sheetdrop created it and it is gone: restore it from the Drive trash, or set `drive_folder_id` in [destination.google] of {config} to a folder shared with {identity}",
        "o sheetdrop a tinha criado e ela não existe mais: restaure-a da lixeira do Drive, ou indique em `drive_folder_id` de [destination.google] de {config} uma pasta compartilhada com {identity}",
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

    // `sheetdrop service install|uninstall|status|run`.
    ServiceInstalled => [
        "servicio instalado: {definition}",
        "service installed: {definition}",
        "serviço instalado: {definition}",
    ],
    ServicePackagedUnit => [
        "se usa el servicio que ya estaba instalado: {definition}",
        "using the service already installed: {definition}",
        "usando o serviço que já estava instalado: {definition}",
    ],
    ServiceConfigCreated => [
        "configuración de ejemplo copiada a {path}: indique ahí la carpeta vigilada y el destino",
        "sample config copied to {path}: set the watched folder and the destination there",
        "configuração de exemplo copiada para {path}: indique ali a pasta vigiada e o destino",
    ],
    ServiceConfigKept => [
        "configuración: {path} (ya existía; no se modificó)",
        "config: {path} (already there; left as it was)",
        "configuração: {path} (já existia; não foi alterada)",
    ],
    ServiceDataDir => [
        "datos, registros e informe: {path}",
        "data, logs and report: {path}",
        "dados, registros e relatório: {path}",
    ],
    ServiceStarted => [
        "el servicio quedó habilitado y en marcha: arranca solo con el equipo",
        "the service is enabled and running: it starts by itself at boot",
        "o serviço está habilitado e em execução: inicia sozinho com o computador",
    ],
    ServiceManagerFailed => [
        "{manager} no pudo hacerlo: {reason}",
        "{manager} failed: {reason}",
        "{manager} não conseguiu: {reason}",
    ],
    ServiceRunCommand => [
        "ejecute a mano: {command}",
        "run it by hand: {command}",
        "execute manualmente: {command}",
    ],
    ServiceUninstalled => [
        "servicio desinstalado: se quitó {definition}",
        "service uninstalled: {definition} removed",
        "serviço desinstalado: {definition} removido",
    ],
    ServicePackagedStays => [
        "servicio detenido y deshabilitado; {definition} es del paquete y se va al desinstalarlo",
        "service stopped and disabled; {definition} belongs to the package and goes with it",
        "serviço parado e desabilitado; {definition} pertence ao pacote e sai com ele",
    ],
    ServiceNotInstalled => [
        "el servicio no está instalado",
        "the service is not installed",
        "o serviço não está instalado",
    ],
    ServiceKept => [
        "se conservan la configuración ({config}) y los datos ({data})",
        "the config ({config}) and the data ({data}) are kept",
        "a configuração ({config}) e os dados ({data}) foram mantidos",
    ],
    ServiceStatusInstalled => ["instalado: {value}", "installed: {value}", "instalado: {value}"],
    ServiceStatusEnabled => [
        "arranca con el equipo: {value}",
        "starts at boot: {value}",
        "inicia com o computador: {value}",
    ],
    ServiceStatusRunning => ["en marcha: {value}", "running: {value}", "em execução: {value}"],
    ServiceStatusConfig => ["configuración: {path}", "config: {path}", "configuração: {path}"],
    ServiceStatusData => ["datos: {path}", "data: {path}", "dados: {path}"],
    ServiceStatusHint => [
        "qué publicó: sheetdrop status --system",
        "what it published: sheetdrop status --system",
        "o que publicou: sheetdrop status --system",
    ],
    ServiceYes => ["sí", "yes", "sim"],
    ServiceNo => ["no", "no", "não"],
    ServiceUnknown => ["no se sabe", "unknown", "desconhecido"],
    ServiceNeedsRoot => [
        "hacen falta permisos de administrador: ejecútelo como root (sudo {command})",
        "administrator rights needed: run as root (sudo {command})",
        "são necessárias permissões de administrador: execute como root (sudo {command})",
    ],
    ServiceNeedsAdmin => [
        "hacen falta permisos de administrador: ejecútelo en una consola abierta con «Ejecutar como administrador»",
        "administrator rights needed: run it in a command prompt opened with \"Run as administrator\"",
        "são necessárias permissões de administrador: execute-o em um prompt aberto com \"Executar como administrador\"",
    ],
    ServiceUnsupported => [
        "el modo servicio no está disponible en este sistema operativo",
        "service mode is not available on this operating system",
        "o modo serviço não está disponível neste sistema operacional",
    ],
    ServiceForeground => [
        "no lo inició el administrador de servicios de Windows: se ejecuta en esta consola (Ctrl-C lo detiene)",
        "not started by the Windows service manager: running in this console (Ctrl-C stops it)",
        "não foi iniciado pelo gerenciador de serviços do Windows: executando neste console (Ctrl-C o para)",
    ],
}
