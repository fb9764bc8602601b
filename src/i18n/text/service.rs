//! `sheetdrop service`: what `install`, `uninstall` and `status` did, and why one failed
//! (the service manager's and the OS's words inside).
//!
//! A list for `texts!` (`mod.rs`): `service_texts!` adds its keys to the ones it is
//! given and hands them all on to the next list's macro (the last is `texts!` itself).

macro_rules! service_texts {
    ($next:ident $(, $rest:ident)* ; $($done:tt)*) => {
        $next! { $($rest),* ; $($done)*
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
        }
    };
}
