//! The command line: the text output of `validate`, `status`, `approve` and `auth`, the
//! `--help` and the usage errors (`cli::help`), and the command line's own errors (`cli`).
//!
//! A list for `texts!` (`mod.rs`): `cli_texts!` adds its keys to the ones it is
//! given and hands them all on to the next list's macro (the last is `texts!` itself).

macro_rules! cli_texts {
    ($next:ident $(, $rest:ident)* ; $($done:tt)*) => {
        $next! { $($rest),* ; $($done)*
        // Command-line text output (`validate`, `status`, `approve`, `auth`).
        CliErrorPrefix => ["error", "error", "erro"],
        CliWarningPrefix => ["aviso", "warning", "aviso"],
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
        CliCell => ["celda {cell}", "cell {cell}", "célula {cell}"],
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
        CliValidateNoState => [
            "todavía no hay datos del agente en {dir}: cada archivo se revisa solo contra los de la carpeta",
            "no agent state in {dir} yet: each file is checked only against the folder's files",
            "ainda não há dados do agente em {dir}: cada arquivo é verificado só contra os da pasta",
        ],
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
        StatusRunUnfinished => [
            "la última pasada no terminó: está en curso, o el agente se detuvo a mitad (se rehace al volver a iniciarlo)",
            "the last pass did not finish: it is running, or the agent stopped in the middle (it is redone at the next start)",
            "a última passagem não terminou: está em andamento, ou o agente parou no meio (ela é refeita ao iniciá-lo de novo)",
        ],
        StatusQuarantined => [
            "en cuarentena: el agente se detuvo mientras revisaba este archivo; no se vuelve a leer hasta que cambie",
            "quarantined: the agent stopped while checking this file; it is not read again until it changes",
            "em quarentena: o agente parou enquanto verificava este arquivo; ele não é lido de novo até mudar",
        ],
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

        // The command line's `--help` (`cli::help`); the English is the derive's.
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

        // The command line's usage errors (`cli::help::usage_error`).
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

        // The command line's own errors (`cli`).
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
        }
    };
}
