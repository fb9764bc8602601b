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
}
