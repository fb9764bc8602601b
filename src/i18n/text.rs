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

    // An issue's detail (`report::detail`), beside its column and value, per code.
    DetailEmptyFile => [
        "el archivo no tiene fila de encabezado: está vacío o en blanco",
        "the file has no header row: it is empty or blank",
        "o arquivo não tem linha de cabeçalho: está vazio ou em branco",
    ],
    DetailMissingColumn => [
        "no está en el encabezado, que tiene: {header}",
        "not in the header, which has: {header}",
        "não está no cabeçalho, que tem: {header}",
    ],
    DetailMissingColumnClosest => [
        "no está en el encabezado, que tiene: {header}; la más parecida es {closest}",
        "not in the header, which has: {header}; closest match: {closest}",
        "não está no cabeçalho, que tem: {header}; a mais parecida é {closest}",
    ],
    DetailDuplicateHeader => [
        "las columnas {first} y {second} tienen el mismo nombre",
        "columns {first} and {second} have the same name",
        "as colunas {first} e {second} têm o mesmo nome",
    ],
    DetailEmptyHeader => [
        "la columna {n} del encabezado no tiene nombre",
        "column {n} of the header has no name",
        "a coluna {n} do cabeçalho não tem nome",
    ],
    DetailRaggedRow => [
        "la fila tiene {fields}, pero el encabezado tiene {expected}",
        "the row has {fields} but the header has {expected}",
        "o registro tem {fields}, mas o cabeçalho tem {expected}",
    ],
    FieldsOne => ["{n} columna", "{n} field", "{n} coluna"],
    FieldsMany => ["{n} columnas", "{n} fields", "{n} colunas"],
    DetailUndecodable => [
        "tiene bytes que no son texto válido en la codificación del archivo",
        "has bytes that are not valid text in the file's encoding",
        "tem bytes que não são texto válido na codificação do arquivo",
    ],
    DetailUndecodableHeader => [
        "el nombre de la columna {n} tiene bytes que no son texto válido en la codificación del archivo",
        "the name of column {n} has bytes that are not valid text in the file's encoding",
        "o nome da coluna {n} tem bytes que não são texto válido na codificação do arquivo",
    ],
    DetailEmptyId => ["el ID está vacío", "the ID is empty", "o ID está vazio"],
    DetailMissingRef => [
        "está vacía, pero cada fila debe indicar un ID de {entity}",
        "empty, but every row must name one of {entity}",
        "está vazia, mas cada registro deve indicar um ID de {entity}",
    ],
    DetailDanglingRef => [
        "no es un ID de {entity} ({file})",
        "not an ID of {entity} ({file})",
        "não é um ID de {entity} ({file})",
    ],
    DetailOrphanedRef => [
        "apunta a la fila {row} de {entity} ({file}), que quedó afuera por sus propios errores",
        "points at row {row} of {entity} ({file}), which is left out for its own errors",
        "aponta para o registro {row} de {entity} ({file}), que ficou de fora pelos próprios erros",
    ],
    DetailUnverifiedMissing => [
        "no hay archivo de {entity} con el cual comparar",
        "there is no {entity} file to check against",
        "não há arquivo de {entity} com o qual comparar",
    ],
    DetailUnverifiedRejected => [
        "{file} ({entity}) fue rechazado",
        "{file} ({entity}) was rejected",
        "{file} ({entity}) foi rejeitado",
    ],
    DetailUnverifiedCycle => [
        "{entity} se revisa después de estos datos (las referencias forman un ciclo)",
        "{entity} is checked after this data (a cycle of refs)",
        "{entity} é verificado depois destes dados (as referências formam um ciclo)",
    ],
    DetailShrinkEmpty => [
        "el archivo no tiene filas para publicar; retenido hasta que se apruebe",
        "the file has no rows to publish; held until approved",
        "o arquivo não tem registros para publicar; retido até ser aprovado",
    ],
    DetailShrink => [
        "{rows} para publicar contra {before} la última vez (más de {guard} menos); retenido hasta que se apruebe",
        "{rows} to publish against {before} last time (more than {guard} fewer); held until approved",
        "{rows} para publicar contra {before} da última vez (mais de {guard} a menos); retido até ser aprovado",
    ],
    DetailUnreadable => [
        "no se puede leer el archivo: {error}",
        "cannot read the file: {error}",
        "não é possível ler o arquivo: {error}",
    ],

    // The HTML report's activity timeline.
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
    RunApproved => [
        "{entity}: {file} aprobado ({rows})",
        "{entity}: {file} approved ({rows})",
        "{entity}: {file} aprovado ({rows})",
    ],
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
    ServiceConfigNotUsed => [
        "aviso: el servicio no usa {given}: lee siempre {path} (copie allí su configuración)",
        "note: the service does not use {given}: it always reads {path} (copy your config there)",
        "aviso: o serviço não usa {given}: ele sempre lê {path} (copie sua configuração para lá)",
    ],
    ServiceDataDirNotUsed => [
        "aviso: el servicio no usa {given}: guarda siempre sus datos en {path}",
        "note: the service does not use {given}: it always keeps its data in {path}",
        "aviso: o serviço não usa {given}: ele sempre guarda seus dados em {path}",
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
    // Why a `service` command failed (`platform::service::Error`); `{error}` is the OS's.
    ServiceAdminRights => [
        "hacen falta permisos de administrador",
        "administrator rights needed",
        "são necessárias permissões de administrador",
    ],
    ServiceFindBinary => [
        "no se puede ubicar el programa en ejecución {path}: {error}",
        "cannot find the running binary {path}: {error}",
        "não é possível localizar o programa em execução {path}: {error}",
    ],
    ServiceCreateConfigFolder => [
        "no se puede crear la carpeta de la configuración {path}: {error}",
        "cannot create the config folder {path}: {error}",
        "não é possível criar a pasta da configuração {path}: {error}",
    ],
    ServiceWriteConfig => [
        "no se puede escribir la configuración {path}: {error}",
        "cannot write the config file {path}: {error}",
        "não é possível gravar a configuração {path}: {error}",
    ],
    ServiceCreateDataDir => [
        "no se puede crear la carpeta de datos {path}: {error}",
        "cannot create the data directory {path}: {error}",
        "não é possível criar a pasta de dados {path}: {error}",
    ],
    ServiceCreateUnitFolder => [
        "no se puede crear la carpeta de unidades de systemd {path}: {error}",
        "cannot create the systemd unit folder {path}: {error}",
        "não é possível criar a pasta de unidades do systemd {path}: {error}",
    ],
    ServiceWriteUnit => [
        "no se puede escribir la unidad de systemd {path}: {error}",
        "cannot write the systemd unit {path}: {error}",
        "não é possível gravar a unidade do systemd {path}: {error}",
    ],
    ServiceRemoveUnit => [
        "no se puede borrar la unidad de systemd {path}: {error}",
        "cannot remove the systemd unit {path}: {error}",
        "não é possível remover a unidade do systemd {path}: {error}",
    ],
    ServiceCreateDaemonsFolder => [
        "no se puede crear la carpeta LaunchDaemons {path}: {error}",
        "cannot create the LaunchDaemons folder {path}: {error}",
        "não é possível criar a pasta LaunchDaemons {path}: {error}",
    ],
    ServiceWritePlist => [
        "no se puede escribir el plist de launchd {path}: {error}",
        "cannot write the launchd plist {path}: {error}",
        "não é possível gravar o plist do launchd {path}: {error}",
    ],
    ServiceRemovePlist => [
        "no se puede borrar el plist de launchd {path}: {error}",
        "cannot remove the launchd plist {path}: {error}",
        "não é possível remover o plist do launchd {path}: {error}",
    ],
    ServiceManagerNotFound => [
        "no se encontró {command}",
        "{command} not found",
        "{command} não foi encontrado",
    ],
    ServiceManagerCannotRun => [
        "no se puede ejecutar {command}: {error}",
        "cannot run {command}: {error}",
        "não é possível executar {command}: {error}",
    ],
    ServiceManagerExitCode => [
        "«{command}» terminó con el código {code}",
        "{command} exited with code {code}",
        "“{command}” terminou com o código {code}",
    ],
    ServiceManagerSignal => [
        "«{command}» fue interrumpido por una señal",
        "{command} was killed by a signal",
        "“{command}” foi interrompido por um sinal",
    ],
    ServiceStillRunning => [
        "sigue en marcha {n} s después de pedirle que se detenga",
        "still running {n} s after the stop request",
        "continua em execução {n} s depois do pedido de parada",
    ],
    ServiceNeverStarted => [
        "el administrador de servicios de Windows nunca inició el servicio",
        "the Windows service manager never started the service",
        "o gerenciador de serviços do Windows nunca iniciou o serviço",
    ],
    ServiceAlreadyRan => [
        "el servicio ya se ejecutó en este proceso",
        "the service already ran in this process",
        "o serviço já foi executado neste processo",
    ],
    // A request to the Windows service control manager that failed: "cannot {request}".
    ServiceScmFailed => [
        "no se pudo {request}: {error}",
        "cannot {request}: {error}",
        "não foi possível {request}: {error}",
    ],
    ServiceScmConnect => [
        "conectar con el administrador de servicios de Windows",
        "connect to the service control manager",
        "conectar ao gerenciador de serviços do Windows",
    ],
    ServiceScmOpen => ["abrir el servicio", "open the service", "abrir o serviço"],
    ServiceScmCreate => ["crear el servicio", "create the service", "criar o serviço"],
    ServiceScmDescribe => [
        "poner la descripción del servicio",
        "describe the service",
        "definir a descrição do serviço",
    ],
    ServiceScmSetRestart => [
        "configurar que el servicio se reinicie si falla",
        "set the service's restart on failure",
        "configurar o reinício do serviço em caso de falha",
    ],
    ServiceScmStop => ["detener el servicio", "stop the service", "parar o serviço"],
    ServiceScmDelete => ["borrar el servicio", "delete the service", "excluir o serviço"],
    ServiceScmDispatcher => [
        "iniciar el despachador de servicios de Windows",
        "start the service dispatcher",
        "iniciar o despachante de serviços do Windows",
    ],
    ServiceScmRegister => [
        "registrarse en el administrador de servicios de Windows",
        "register with the service manager",
        "registrar-se no gerenciador de serviços do Windows",
    ],
    ServiceScmReportRunning => [
        "avisar al administrador de servicios de Windows que el servicio está en marcha",
        "report the service running",
        "informar ao gerenciador de serviços do Windows que o serviço está em execução",
    ],

    // I/O errors people meet most (`Message::io`; other kinds keep the OS's words).
    IoNotFound => ["no existe", "not found", "não existe"],
    IoPermissionDenied => ["permiso denegado", "permission denied", "permissão negada"],
    IoAlreadyExists => ["ya existe", "already exists", "já existe"],
    IoStorageFull => ["no queda espacio en el disco", "the disk is full", "não há espaço no disco"],
    IoReadOnly => [
        "el disco es de solo lectura",
        "the disk is read-only",
        "o disco é somente leitura",
    ],
    IoNotADirectory => ["no es una carpeta", "not a folder", "não é uma pasta"],
    IoIsADirectory => ["es una carpeta, no un archivo", "is a folder, not a file", "é uma pasta, não um arquivo"],
    IoTimedOut => ["no respondió a tiempo", "timed out", "não respondeu a tempo"],
    IoConnectionRefused => ["la conexión fue rechazada", "connection refused", "a conexão foi recusada"],
    IoConnectionReset => [
        "la conexión se cortó",
        "the connection was reset",
        "a conexão foi interrompida",
    ],
    IoUnreachable => [
        "la red o el servidor no están al alcance",
        "the network or the server cannot be reached",
        "a rede ou o servidor não estão ao alcance",
    ],
    IoNetworkDown => ["la red no está disponible", "the network is down", "a rede não está disponível"],
    IoNameNotResolved => [
        "no se encontró la dirección del servidor (DNS)",
        "the server's address was not found (DNS)",
        "o endereço do servidor não foi encontrado (DNS)",
    ],

    // Configuration errors (`config::Error::message`): the file, the line, what to fix.
    ConfigRead => [
        "no se puede leer {path}: {error}",
        "cannot read {path}: {error}",
        "não é possível ler {path}: {error}",
    ],
    ConfigAtColumn => [
        "{path}, línea {line}, columna {column}: {problem}",
        "{path}, line {line}, column {column}: {problem}",
        "{path}, linha {line}, coluna {column}: {problem}",
    ],
    ConfigAtLine => [
        "{path}, línea {line}: {problem}",
        "{path}, line {line}: {problem}",
        "{path}, linha {line}: {problem}",
    ],
    ConfigIn => ["{path}: {problem}", "{path}: {problem}", "{path}: {problem}"],
    ConfigNotToml => [
        "el texto no es TOML válido: {detail}",
        "not valid TOML: {detail}",
        "o texto não é TOML válido: {detail}",
    ],
    ConfigNotJson => [
        "el texto no es JSON válido: {detail}",
        "not valid JSON: {detail}",
        "o texto não é JSON válido: {detail}",
    ],
    ConfigUnknownKey => [
        "la clave `{key}` no existe aquí; las claves válidas son: {expected}",
        "unknown key `{key}`; the valid keys are: {expected}",
        "a chave `{key}` não existe aqui; as chaves válidas são: {expected}",
    ],
    ConfigUnknownKeyNone => [
        "la clave `{key}` no existe aquí: bórrela",
        "unknown key `{key}`: remove it",
        "a chave `{key}` não existe aqui: apague-a",
    ],
    ConfigUnknownValue => [
        "el valor `{value}` no es válido; los valores válidos son: {expected}",
        "invalid value `{value}`; the valid values are: {expected}",
        "o valor `{value}` não é válido; os valores válidos são: {expected}",
    ],
    ConfigMissingKey => [
        "falta la clave `{key}`",
        "missing key `{key}`",
        "falta a chave `{key}`",
    ],
    ConfigDuplicateKey => [
        "la clave `{key}` aparece dos veces: deje una sola",
        "key `{key}` is given twice: keep only one",
        "a chave `{key}` aparece duas vezes: deixe só uma",
    ],
    ConfigWrongType => [
        "aquí va {expected}, no {found}",
        "expected {expected}, found {found}",
        "aqui vai {expected}, não {found}",
    ],
    ConfigFoundNumber => ["el número {value}", "the number {value}", "o número {value}"],
    ConfigFoundBool => ["el valor {value}", "the value {value}", "o valor {value}"],
    ConfigFoundText => ["el texto {value}", "the text {value}", "o texto {value}"],
    ConfigFoundList => ["una lista", "a list", "uma lista"],
    ConfigFoundTable => ["una tabla", "a table", "uma tabela"],
    ConfigExpectText => [
        "un texto entre comillas",
        "a text in quotes",
        "um texto entre aspas",
    ],
    ConfigExpectInteger => ["un número entero", "a whole number", "um número inteiro"],
    ConfigExpectBool => ["true o false", "true or false", "true ou false"],
    ConfigExpectList => [
        "una lista entre corchetes [ ]",
        "a list in brackets [ ]",
        "uma lista entre colchetes [ ]",
    ],
    ConfigExpectTable => ["una tabla", "a table", "uma tabela"],
    ConfigBadLimit => [
        "límite no válido `{value}`: escriba una cantidad de filas, como 50, o un porcentaje, como \"1%\"",
        "invalid limit `{value}`: write a row count like 50 or a percentage like \"1%\"",
        "limite inválido `{value}`: escreva uma quantidade de registros, como 50, ou uma porcentagem, como \"1%\"",
    ],
    ConfigUnknownEncoding => [
        "codificación desconocida `{label}`: use \"auto\" o un nombre como \"utf-8\" o \"windows-1252\"",
        "unknown encoding `{label}`: use \"auto\" or a label such as \"utf-8\" or \"windows-1252\"",
        "codificação desconhecida `{label}`: use \"auto\" ou um nome como \"utf-8\" ou \"windows-1252\"",
    ],
    ConfigBadDelimiter => [
        "separador no admitido `{value}`: use \"auto\", \",\", \";\", \"\\t\" o \"|\"",
        "unsupported delimiter `{value}`: use \"auto\", \",\", \";\", \"\\t\" or \"|\"",
        "separador não suportado `{value}`: use \"auto\", \",\", \";\", \"\\t\" ou \"|\"",
    ],
    ConfigCatalogAndEntities => [
        "indique `catalog = ...` o tablas [[entity]], no las dos cosas",
        "give either `catalog = ...` or [[entity]] tables, not both",
        "indique `catalog = ...` ou tabelas [[entity]], não as duas coisas",
    ],
    ConfigEmptyEntityName => [
        "una entidad tiene el nombre vacío",
        "an entity has an empty name",
        "uma entidade tem o nome vazio",
    ],
    ConfigEntityTwice => [
        "la entidad `{entity}` está declarada dos veces",
        "entity `{entity}` is declared twice",
        "a entidade `{entity}` está declarada duas vezes",
    ],
    ConfigSelfRef => [
        "la entidad `{entity}` se refiere a sí misma en `{column}`: no se admiten referencias dentro de un mismo archivo",
        "entity `{entity}` refers to itself through `{column}`: refs within one file are not supported",
        "a entidade `{entity}` se refere a si mesma em `{column}`: referências dentro de um mesmo arquivo não são suportadas",
    ],
    ConfigUnknownRef => [
        "la columna `{column}` de `{entity}` se refiere a la entidad `{target}`, que no existe (declaradas: {known})",
        "column `{column}` of `{entity}` refers to unknown entity `{target}` (declared: {known})",
        "a coluna `{column}` de `{entity}` se refere à entidade `{target}`, que não existe (declaradas: {known})",
    ],
    ConfigRefCycle => [
        "las referencias obligatorias forman un ciclo entre {names}: ponga `required = false` en una de ellas",
        "required refs form a cycle among {names}: make one of them `required = false`",
        "as referências obrigatórias formam um ciclo entre {names}: coloque `required = false` em uma delas",
    ],
    ConfigBadPattern => [
        "entidad `{entity}`: el patrón de archivo `{pattern}` no es válido: {error}",
        "entity `{entity}`: bad file pattern `{pattern}`: {error}",
        "entidade `{entity}`: o padrão de arquivo `{pattern}` não é válido: {error}",
    ],
    ConfigResource => [
        "recurso `{resource}`: {problem}",
        "resource `{resource}`: {problem}",
        "recurso `{resource}`: {problem}",
    ],
    ConfigMultiColumnKey => [
        "{what} tiene {n} campos; solo se admiten claves de una columna",
        "{what} has {n} fields; only single-column keys are supported",
        "{what} tem {n} campos; só são suportadas chaves de uma coluna",
    ],

    // The state store's errors (`state::Error::message`).
    StateCreateDir => [
        "no se puede crear la carpeta de datos {path}: {error}",
        "cannot create the state directory {path}: {error}",
        "não é possível criar a pasta de dados {path}: {error}",
    ],
    StateOpen => [
        "no se puede abrir la base de estado {path}: {error}",
        "cannot open the state store {path}: {error}",
        "não é possível abrir a base de estado {path}: {error}",
    ],
    StateMissing => [
        "no hay base de estado en {path} (¿se ejecutó el agente con esta carpeta de datos?)",
        "no state store at {path} (has the agent run with this data dir?)",
        "não há base de estado em {path} (o agente foi executado com esta pasta de dados?)",
    ],
    StateNotWal => [
        "base de estado {path}: el modo de diario es {mode}, se esperaba \"wal\" (use una carpeta de datos en un disco local con --data-dir)",
        "state store {path}: journal mode is {mode}, expected \"wal\"",
        "base de estado {path}: o modo de diário é {mode}, esperava-se \"wal\" (use uma pasta de dados em um disco local com --data-dir)",
    ],
    StateNewerSchema => [
        "la base de estado {path} tiene la versión de esquema {found}, más nueva que la versión {known} que conoce este sheetdrop; actualice sheetdrop",
        "state store {path} has schema version {found}, newer than version {known} known to this sheetdrop; update sheetdrop",
        "a base de estado {path} tem a versão de esquema {found}, mais nova que a versão {known} que este sheetdrop conhece; atualize o sheetdrop",
    ],
    StateOlderSchema => [
        "la base de estado {path} tiene la versión de esquema {found}, anterior a la versión {known}; inicie el agente una vez para actualizarla",
        "state store {path} has schema version {found}, older than version {known}; start the agent once to migrate it",
        "a base de estado {path} tem a versão de esquema {found}, anterior à versão {known}; inicie o agente uma vez para atualizá-la",
    ],
    StateMigration => [
        "base de estado {path}: falló la actualización a la versión de esquema {to}: {error}",
        "state store {path}: migration to schema version {to} failed: {error}",
        "base de estado {path}: a atualização para a versão de esquema {to} falhou: {error}",
    ],
    StateSqlite => [
        "base de estado: {context}: {error}",
        "state store: {context}: {error}",
        "base de estado: {context}: {error}",
    ],
    StateUnknownVerdict => [
        "resultado desconocido {verdict} (se esperaba accepted, partial, rejected, held o unchanged)",
        "unknown verdict {verdict} (expected one of accepted, partial, rejected, held, unchanged)",
        "resultado desconhecido {verdict} (esperava-se accepted, partial, rejected, held ou unchanged)",
    ],
    StateUnknownSnapshot => [
        "no hay ninguna copia con id {id} en la base de estado",
        "no snapshot with id {id} in the state store",
        "não há nenhuma cópia com id {id} na base de estado",
    ],
    StateUnknownRun => [
        "no hay ninguna ejecución con id {id} en la base de estado",
        "no run with id {id} in the state store",
        "não há nenhuma execução com id {id} na base de estado",
    ],
    StateNotPublishable => [
        "la copia {id} de {entity} es {verdict}: solo se publican las aceptadas o parciales",
        "snapshot {id} of {entity} is {verdict}: only accepted or partial snapshots are published",
        "a cópia {id} de {entity} é {verdict}: só as aceitas ou parciais são publicadas",
    ],
    StateWrongEntity => [
        "la copia {id} es de {actual}, no de {entity}",
        "snapshot {id} belongs to entity {actual}, not {entity}",
        "a cópia {id} é de {actual}, não de {entity}",
    ],
    StateNonUtf8Path => [
        "la ruta {path} no es UTF-8 válido y no se puede guardar",
        "spool path {path} is not valid UTF-8",
        "o caminho {path} não é UTF-8 válido e não pode ser guardado",
    ],

    // Where the destination publishes (`Destination::describe`: the report, the tray).
    DestinationLocal => ["carpeta {folder}", "folder {folder}", "pasta {folder}"],
    DestinationGoogle => [
        "Google: hoja de cálculo {spreadsheet} y carpeta de Drive {folder}, como {identity}",
        "Google: spreadsheet {spreadsheet} and Drive folder {folder}, as {identity}",
        "Google: planilha {spreadsheet} e pasta do Drive {folder}, como {identity}",
    ],
    DestinationGoogleCreated => [
        "(se crea al publicar)",
        "(created on first publish)",
        "(criada ao publicar)",
    ],
    DestinationAt => [
        "{destination}, en {endpoint}",
        "{destination}, at {endpoint}",
        "{destination}, em {endpoint}",
    ],

    // The agent's, the watcher's and the spool's errors (`agent::Error::message`, ...).
    AgentDestination => [
        "no se puede preparar el destino: {error}",
        "destination: {error}",
        "não é possível preparar o destino: {error}",
    ],
    AgentAlreadyRunning => [
        "ya hay otro agente de sheetdrop en marcha con la carpeta de datos {path}",
        "another sheetdrop agent is already running with the data directory {path}",
        "já há outro agente do sheetdrop em execução com a pasta de dados {path}",
    ],
    AgentThread => [
        "no se puede iniciar la vigilancia de la carpeta: {error}",
        "cannot start the watch loop: {error}",
        "não é possível iniciar a vigilância da pasta: {error}",
    ],
    AgentWatchedFolder => [
        "no se puede usar la carpeta vigilada {path}: {error}",
        "watched folder {path}: {error}",
        "não é possível usar a pasta vigiada {path}: {error}",
    ],
    AgentDataDir => [
        "no se puede usar la carpeta de datos {path}: {error} (elija otra con --data-dir)",
        "data directory {path}: {error}",
        "não é possível usar a pasta de dados {path}: {error} (escolha outra com --data-dir)",
    ],
    AgentFolder => ["{what} {path}: {error}", "{what} {path}: {error}", "{what} {path}: {error}"],
    WatchFolder => [
        "no se puede leer la carpeta vigilada {path}: {error}",
        "cannot read the watched folder {path}: {error}",
        "não é possível ler a pasta vigiada {path}: {error}",
    ],
    WatchCannotWatch => [
        "no se puede vigilar {path}: {error}",
        "cannot watch {path}: {error}",
        "não é possível vigiar {path}: {error}",
    ],
    SnapshotCreate => [
        "no se puede crear {path}: {error}",
        "create {path}: {error}",
        "não é possível criar {path}: {error}",
    ],
    SnapshotOpen => [
        "no se puede abrir {path}: {error}",
        "open {path}: {error}",
        "não é possível abrir {path}: {error}",
    ],
    SnapshotRead => [
        "no se puede leer {path}: {error}",
        "read {path}: {error}",
        "não é possível ler {path}: {error}",
    ],
    SnapshotSpool => [
        "no se puede copiar {path} a la carpeta de datos: {error}",
        "write the spool copy of {path}: {error}",
        "não é possível copiar {path} para a pasta de dados: {error}",
    ],
    SnapshotOther => ["{action} {path}: {error}", "{action} {path}: {error}", "{action} {path}: {error}"],
    SnapshotChanged => [
        "{path} cambió mientras se copiaba; se lee cuando deje de cambiar",
        "{path} changed while it was being copied; it will be read once it settles",
        "{path} mudou enquanto era copiado; será lido quando parar de mudar",
    ],
    AgentCannotOpen => [
        "no se puede abrir {path}: {error}; se lee en cuanto se pueda abrir",
        "cannot open {path}: {error}; it is read as soon as it can be opened",
        "não é possível abrir {path}: {error}; será lido assim que puder ser aberto",
    ],

    // The command line's `--help` (`i18n::command_line`); the English is the derive's.
    HelpUsage => ["Uso", "Usage", "Uso"],
    HelpCommands => ["Comandos", "Commands", "Comandos"],
    HelpOptions => ["Opciones", "Options", "Opções"],
    HelpArguments => ["Argumentos", "Arguments", "Argumentos"],
    HelpOptionsPlaceholder => ["[OPCIONES]", "[OPTIONS]", "[OPÇÕES]"],
    HelpValueCommand => ["COMANDO", "COMMAND", "COMANDO"],
    HelpValuePath => ["RUTA", "PATH", "CAMINHO"],
    HelpValueFolder => ["CARPETA", "FOLDER", "PASTA"],
    HelpValueEntity => ["ENTIDAD", "ENTITY", "ENTIDADE"],
    HelpValueFormat => ["FORMATO", "FORMAT", "FORMATO"],
    HelpPrintHelp => ["Muestra la ayuda", "Print help", "Mostra a ajuda"],
    HelpPrintVersion => ["Muestra la versión", "Print version", "Mostra a versão"],
    HelpHelpCommand => [
        "Muestra esta ayuda o la de los comandos indicados",
        "Print this message or the help of the given subcommand(s)",
        "Mostra esta ajuda ou a dos comandos indicados",
    ],
    HelpHelpSubcommands => [
        "Muestra la ayuda de los comandos indicados",
        "Print help for the subcommand(s)",
        "Mostra a ajuda dos comandos indicados",
    ],
    HelpAbout => [
        "Revisa y publica carpetas de exportaciones CSV",
        "Checks and publishes folders of CSV exports",
        "Verifica e publica pastas de exportações CSV",
    ],
    HelpArgConfig => [
        "El archivo de configuración (predeterminado: el sheetdrop.toml del usuario y, si no hay, el del sistema).",
        "The config file (default: the per-user, then the system-wide sheetdrop.toml).",
        "O arquivo de configuração (padrão: o sheetdrop.toml do usuário e, se não houver, o do sistema).",
    ],
    HelpArgDataDir => [
        "Dónde se guardan el estado, las copias, los registros y el informe (predeterminado: la carpeta de datos del usuario).",
        "Where state, spool, logs and the report live (default: the per-user data dir).",
        "Onde ficam o estado, as cópias, os logs e o relatório (padrão: a pasta de dados do usuário).",
    ],
    HelpArgSystem => [
        "Usa la configuración y la carpeta de datos del sistema (las del servicio) en lugar de las del usuario.",
        "Use the system-wide config and data dir (the service's) instead of the per-user ones.",
        "Usa a configuração e a pasta de dados do sistema (as do serviço) em vez das do usuário.",
    ],
    HelpValidate => [
        "Revisa cada archivo de datos de la CARPETA y muestra un informe; no publica nada.",
        "Check every entity file in FOLDER and print a report; publishes nothing.",
        "Verifica cada arquivo de dados da PASTA e mostra um relatório; não publica nada.",
    ],
    HelpArgFolder => [
        "La carpeta de exportaciones CSV.",
        "The folder of CSV exports.",
        "A pasta de exportações CSV.",
    ],
    HelpArgFormat => [
        "Formato de la salida: text o json (predeterminado: text).",
        "Output format: text or json (default: text).",
        "Formato da saída: text ou json (padrão: text).",
    ],
    HelpRun => [
        "Ejecuta el agente: vigila la carpeta, revisa cada archivo terminado y publica lo que está bien.",
        "Run the agent: watch the folder, check each finished file, publish what is good.",
        "Executa o agente: vigia a pasta, verifica cada arquivo terminado e publica o que está certo.",
    ],
    HelpArgOnce => [
        "Procesa lo que hay ahora en la carpeta, publica y termina (0 si se publicó todo, 1 si no).",
        "Process what is in the folder now, publish, and exit (0 all published, 1 not).",
        "Processa o que há agora na pasta, publica e termina (0 se tudo foi publicado, 1 se não).",
    ],
    HelpArgHeadless => [
        "Sin ícono en la bandeja, aunque haya escritorio.",
        "No tray icon, even with a desktop session.",
        "Sem ícone na bandeja, mesmo com uma sessão de desktop.",
    ],
    HelpStatus => [
        "Muestra de cada entidad la última copia, el resultado, las filas, cuándo se publicó y los errores.",
        "Show each entity's last snapshot, verdict, rows, publish time and errors.",
        "Mostra de cada entidade a última cópia, o resultado, os registros, quando foi publicada e os erros.",
    ],
    HelpArgJson => [
        "Muestra JSON en lugar de texto.",
        "Print JSON instead of text.",
        "Mostra JSON em vez de texto.",
    ],
    HelpApprove => [
        "Libera la copia retenida de una entidad (por ejemplo, la que frenó el control de reducción).",
        "Release an entity's held snapshot (e.g. one the shrink guard stopped).",
        "Libera a cópia retida de uma entidade (por exemplo, a que o controle de redução parou).",
    ],
    HelpArgEntity => [
        "La entidad, con el nombre que tiene en la configuración.",
        "The entity, as named in the config.",
        "A entidade, com o nome que tem na configuração.",
    ],
    HelpAuth => [
        "Credenciales de Google de `[destination.google]`: iniciar sesión, comprobar, cerrar sesión.",
        "Google credentials of `[destination.google]`: log in, check, log out.",
        "Credenciais do Google de `[destination.google]`: entrar, verificar, sair.",
    ],
    HelpAuthLogin => [
        "Inicia sesión con el navegador (`credentials = \"oauth\"`) y guarda el token para el agente.",
        "Log in with a browser (`credentials = \"oauth\"`) and cache the token for the agent.",
        "Entra pelo navegador (`credentials = \"oauth\"`) e guarda o token para o agente.",
    ],
    HelpArgNoBrowser => [
        "Solo muestra la dirección que hay que abrir; no abre el navegador.",
        "Only print the address to open; do not start a browser.",
        "Só mostra o endereço a abrir; não abre o navegador.",
    ],
    HelpAuthStatus => [
        "Dice qué identidad publica y si su token funciona (sale con 0) o por qué no (1).",
        "Say which identity publishes and whether its token works (exit 0), or why not (1).",
        "Diz qual identidade publica e se o token dela funciona (sai com 0) ou por que não (1).",
    ],
    HelpAuthLogout => [
        "Revoca y borra la sesión guardada.",
        "Revoke and remove the cached login.",
        "Revoga e apaga a sessão guardada.",
    ],
    HelpService => [
        "Ejecuta como servicio del sistema (systemd, servicio de Windows, launchd): instalar, desinstalar, estado.",
        "Run as the OS's service (systemd, Windows service, launchd): install, uninstall, status.",
        "Executa como serviço do sistema (systemd, serviço do Windows, launchd): instalar, desinstalar, estado.",
    ],
    HelpServiceInstall => [
        "Instala el servicio y lo arranca ahora y con cada inicio del equipo (root / Administrador).",
        "Install the service, start it at boot and now (root / Administrator).",
        "Instala o serviço e o inicia agora e a cada inicialização do computador (root / Administrador).",
    ],
    HelpServiceUninstall => [
        "Detiene y quita el servicio; su configuración y sus datos se conservan (root / Administrador).",
        "Stop and remove the service; its config and data stay (root / Administrator).",
        "Para e remove o serviço; a configuração e os dados dele são mantidos (root / Administrador).",
    ],
    HelpServiceStatus => [
        "¿Instalado? ¿Arranca con el equipo? ¿En marcha? Sale con 0 si está en marcha, 3 si no, 4 si no está instalado.",
        "Installed? Starts at boot? Running? Exit 0 running, 3 not running, 4 not installed.",
        "Instalado? Inicia com o computador? Em execução? Sai com 0 se está em execução, 3 se não, 4 se não está instalado.",
    ],
    HelpServiceRun => [
        "El punto de entrada del servicio (`run --headless --system` con systemd y launchd).",
        "The service's entry point (`run --headless --system` under systemd and launchd).",
        "O ponto de entrada do serviço (`run --headless --system` com systemd e launchd).",
    ],
    HelpDoctor => [
        "Revisa la instalación: configuración, carpeta, datos, base de estado, destino, reloj.",
        "Check the installation: config, folder, data dir, state store, destination, clock.",
        "Verifica a instalação: configuração, pasta, dados, base de estado, destino, relógio.",
    ],

    // The command line's usage errors (`i18n::command_line::usage_error`).
    UsageUnknownCommand => [
        "el comando '{name}' no existe",
        "unrecognized subcommand '{name}'",
        "o comando '{name}' não existe",
    ],
    UsageUnknownArgument => [
        "la opción '{name}' no existe aquí",
        "unexpected argument '{name}' found",
        "a opção '{name}' não existe aqui",
    ],
    UsageMissing => [
        "faltan datos obligatorios: {names}",
        "the following required arguments were not provided: {names}",
        "faltam dados obrigatórios: {names}",
    ],
    UsageInvalidValue => [
        "el valor '{value}' no es válido para '{arg}'",
        "invalid value '{value}' for '{arg}'",
        "o valor '{value}' não é válido para '{arg}'",
    ],
    UsageValueMissing => [
        "falta el valor de '{arg}'",
        "a value is required for '{arg}' but none was supplied",
        "falta o valor de '{arg}'",
    ],
    UsageValidValues => [
        "valores posibles: {values}",
        "possible values: {values}",
        "valores possíveis: {values}",
    ],
    UsageRepeated => [
        "la opción '{arg}' va una sola vez",
        "the argument '{arg}' cannot be used multiple times",
        "a opção '{arg}' vai uma única vez",
    ],
    UsageConflict => [
        "la opción '{arg}' no puede ir junto con {others}",
        "the argument '{arg}' cannot be used with {others}",
        "a opção '{arg}' não pode ir junto com {others}",
    ],
    UsageMissingCommand => [
        "falta el comando después de '{name}'",
        "'{name}' requires a subcommand but one was not provided",
        "falta o comando depois de '{name}'",
    ],
    UsageValidCommands => [
        "comandos: {names}",
        "subcommands: {names}",
        "comandos: {names}",
    ],
    UsageUnexpectedValue => [
        "'{arg}' no lleva más valores: sobra '{value}'",
        "unexpected value '{value}' for '{arg}' found; no more were expected",
        "'{arg}' não leva mais valores: sobra '{value}'",
    ],
    UsageInvalidUtf8 => [
        "algún argumento no es texto UTF-8 válido",
        "invalid UTF-8 was detected in one or more arguments",
        "algum argumento não é texto UTF-8 válido",
    ],
    UsageTip => ["sugerencia: {tip}", "tip: {tip}", "dica: {tip}"],
    UsageSimilarCommand => [
        "hay un comando parecido: '{name}'",
        "a similar subcommand exists: '{name}'",
        "há um comando parecido: '{name}'",
    ],
    UsageSimilarArgument => [
        "hay una opción parecida: '{name}'",
        "a similar argument exists: '{name}'",
        "há uma opção parecida: '{name}'",
    ],
    UsageSimilarValue => [
        "hay un valor parecido: '{name}'",
        "a similar value exists: '{name}'",
        "há um valor parecido: '{name}'",
    ],
    UsageMoreInfo => [
        "Para más información, use '--help'.",
        "For more information, try '--help'.",
        "Para mais informações, use '--help'.",
    ],

    // `main.rs`'s own errors.
    CliCannotList => [
        "no se puede listar {path}: {error}",
        "cannot list {path}: {error}",
        "não é possível listar {path}: {error}",
    ],
    CliStopHandler => [
        "no se puede instalar el manejador de parada: {error}",
        "cannot install the stop handler: {error}",
        "não é possível instalar o tratador de parada: {error}",
    ],

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
