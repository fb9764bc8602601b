//! The errors of the config, the state store, the agent, the watcher and the spool, the
//! common I/O errors, and where a destination publishes (`Destination::describe`).
//!
//! A list for `texts!` (`mod.rs`): `error_texts!` adds its keys to the ones it is
//! given and hands them all on to the next list's macro (the last is `texts!` itself).

macro_rules! error_texts {
    ($next:ident $(, $rest:ident)* ; $($done:tt)*) => {
        $next! { $($rest),* ; $($done)*
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
        IoQuotaExceeded => [
            "se agotó la cuota de disco del usuario",
            "the user's disk quota is used up",
            "a cota de disco do usuário se esgotou",
        ],
        IoFileTooLarge => [
            "el archivo es más grande de lo que el sistema permite",
            "the file is larger than the system allows",
            "o arquivo é maior do que o sistema permite",
        ],
        IoInvalidFilename => [
            "el nombre del archivo no es válido o es demasiado largo",
            "the file name is invalid or too long",
            "o nome do arquivo é inválido ou longo demais",
        ],
        IoResourceBusy => [
            "otro programa lo está usando",
            "another program is using it",
            "outro programa o está usando",
        ],
        IoDirectoryNotEmpty => ["la carpeta no está vacía", "the folder is not empty", "a pasta não está vazia"],
        IoCrossesDevices => [
            "no se puede mover entre discos distintos",
            "it cannot be moved across disks",
            "não é possível mover entre discos diferentes",
        ],
        IoStaleNetworkFile => [
            "el archivo de red ya no es válido (la unidad se desconectó)",
            "the network file handle is stale (the share was disconnected)",
            "o arquivo de rede não é mais válido (a unidade foi desconectada)",
        ],
        IoOutOfMemory => ["no queda memoria", "out of memory", "não há memória"],
        IoUnsupported => [
            "el sistema no permite esta operación",
            "the system does not support this operation",
            "o sistema não permite esta operação",
        ],
        IoUnexpectedEof => [
            "el archivo terminó antes de lo esperado",
            "the file ended early",
            "o arquivo terminou antes do esperado",
        ],
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
            "límite no válido `{key}` = {value}: escriba una cantidad de filas de 0 a {max}, como 50, o un porcentaje de 0 a 100, como \"1%\"",
            "invalid limit `{key}` = {value}: write a row count from 0 to {max} like 50, or a percentage from 0 to 100 like \"1%\"",
            "limite inválido `{key}` = {value}: escreva uma quantidade de registros de 0 a {max}, como 50, ou uma porcentagem de 0 a 100, como \"1%\"",
        ],
        ConfigOutOfRange => [
            "`{key}` = {value} está fuera de rango: escriba un número entero de {min} a {max}",
            "`{key}` = {value} is out of range: write a whole number from {min} to {max}",
            "`{key}` = {value} está fora do intervalo: escreva um número inteiro de {min} a {max}",
        ],
        ConfigNotWholeNumber => [
            "`{key}` = {value} no es un número entero: escriba uno de {min} a {max}",
            "`{key}` = {value} is not a whole number: write one from {min} to {max}",
            "`{key}` = {value} não é um número inteiro: escreva um de {min} a {max}",
        ],
        ConfigEntityName => [
            "el nombre de entidad {name} no sirve ({reason}): se usa como nombre de archivo y de pestaña; escriba de 1 a 100 letras, números, _ o -, sin puntos, espacios ni barras y sin empezar por _, como \"ventas_2024\"",
            "the entity name {name} cannot be used ({reason}): it becomes a file name and a tab name; write 1 to 100 letters, digits, _ or -, with no dots, spaces or slashes and not starting with _, like \"ventas_2024\"",
            "o nome de entidade {name} não serve ({reason}): ele vira nome de arquivo e de aba; escreva de 1 a 100 letras, números, _ ou -, sem pontos, espaços nem barras e sem começar com _, como \"ventas_2024\"",
        ],
        ConfigNameChar => ["contiene {char}", "it contains {char}", "contém {char}"],
        ConfigNameLong => [
            "tiene {n} caracteres",
            "it has {n} characters",
            "tem {n} caracteres",
        ],
        ConfigNameUnderscore => [
            "un _ al principio queda reservado para las pestañas propias de sheetdrop, como _manifest y _status",
            "a leading _ is reserved for sheetdrop's own tabs, such as _manifest and _status",
            "um _ no começo fica reservado para as abas do próprio sheetdrop, como _manifest e _status",
        ],
        ConfigNameWindows => [
            "{name} es un nombre reservado de Windows",
            "{name} is a name Windows reserves",
            "{name} é um nome reservado do Windows",
        ],
        ConfigEntitySameName => [
            "las entidades `{entity}` y `{other}` solo difieren en mayúsculas y minúsculas: en Windows y macOS serían el mismo archivo",
            "entities `{entity}` and `{other}` differ only in upper and lower case: on Windows and macOS they would be the same file",
            "as entidades `{entity}` e `{other}` só diferem em maiúsculas e minúsculas: no Windows e no macOS seriam o mesmo arquivo",
        ],
        ConfigBadSize => [
            "tamaño no válido `{value}`: escriba una cantidad de bytes, como 1048576, o un tamaño como \"16MiB\", \"512KiB\" o \"10MB\", entre 1KiB y 1GiB",
            "invalid size `{value}`: write a number of bytes like 1048576 or a size like \"16MiB\", \"512KiB\" or \"10MB\", from 1KiB to 1GiB",
            "tamanho inválido `{value}`: escreva uma quantidade de bytes, como 1048576, ou um tamanho como \"16MiB\", \"512KiB\" ou \"10MB\", entre 1KiB e 1GiB",
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
        ConfigBadFormat => [
            "formato no válido `{value}`: {reason}",
            "invalid format `{value}`: {reason}",
            "formato inválido `{value}`: {reason}",
        ],
        ConfigFormatUnknown => [
            "use \"cuit\", \"nif\", \"cpf\", \"cnpj\", \"email\", \"date:dd/mm/yyyy\", \"number:es\", \"number:en\" o \"regex:...\"",
            "use \"cuit\", \"nif\", \"cpf\", \"cnpj\", \"email\", \"date:dd/mm/yyyy\", \"number:es\", \"number:en\" or \"regex:...\"",
            "use \"cuit\", \"nif\", \"cpf\", \"cnpj\", \"email\", \"date:dd/mm/yyyy\", \"number:es\", \"number:en\" ou \"regex:...\"",
        ],
        ConfigFormatNumber => [
            "escriba \"number:es\" (1.234,56) o \"number:en\" (1,234.56)",
            "write \"number:es\" (1.234,56) or \"number:en\" (1,234.56)",
            "escreva \"number:es\" (1.234,56) ou \"number:en\" (1,234.56)",
        ],
        ConfigFormatDate => [
            "el patrón de fecha necesita un día, un mes y un año, una vez cada uno, p. ej. \"date:dd/mm/yyyy\" o \"date:%Y-%m-%d %H:%M\" (dd, d, mm, m, yyyy, yy, HH, MM, SS)",
            "a date pattern needs a day, a month and a year, once each, e.g. \"date:dd/mm/yyyy\" or \"date:%Y-%m-%d %H:%M\" (dd, d, mm, m, yyyy, yy, HH, MM, SS)",
            "o padrão de data precisa de um dia, um mês e um ano, uma vez cada, p. ex. \"date:dd/mm/yyyy\" ou \"date:%Y-%m-%d %H:%M\" (dd, d, mm, m, yyyy, yy, HH, MM, SS)",
        ],
        ConfigFormatRegex => [
            "la expresión regular no es válida: {error}",
            "the regular expression is not valid: {error}",
            "a expressão regular não é válida: {error}",
        ],
        ConfigColumnRule => [
            "la regla de la columna `{column}` de la entidad `{entity}`: {reason}",
            "the rule of column `{column}` of entity `{entity}`: {reason}",
            "a regra da coluna `{column}` da entidade `{entity}`: {reason}",
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
            "base de estado: {error}",
            "state store: {error}",
            "base de estado: {error}",
        ],
        StateBusy => [
            "otro proceso la tiene ocupada",
            "another process keeps it busy",
            "outro processo a mantém ocupada",
        ],
        StateCorrupt => [
            "el archivo está dañado",
            "the file is damaged",
            "o arquivo está danificado",
        ],
        StateCannotOpen => [
            "no se puede abrir el archivo",
            "the file cannot be opened",
            "não é possível abrir o arquivo",
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
        SnapshotNotAFile => [
            "{path} no es un archivo común ({kind}); no se lee",
            "{path} is not a regular file ({kind}); it is not read",
            "{path} não é um arquivo comum ({kind}); não é lido",
        ],
        AgentStillWriting => [
            "{path} se sigue escribiendo: no se leyó para no publicarlo a medias; se toma cuando deje de cambiar",
            "{path} is still being written: it was not read, so as not to publish half of it; it is taken once it stops changing",
            "{path} ainda está sendo escrito: não foi lido, para não publicá-lo pela metade; será lido quando parar de mudar",
        ],
        // What stands where an entity's file was expected (`not-a-file`).
        FileKindFifo => ["una tubería con nombre (FIFO)", "a named pipe (FIFO)", "um pipe nomeado (FIFO)"],
        FileKindDirectory => ["una carpeta", "a folder", "uma pasta"],
        FileKindDevice => ["un dispositivo", "a device", "um dispositivo"],
        FileKindSymlink => [
            "un enlace simbólico (los enlaces no se siguen)",
            "a symbolic link (links are not followed)",
            "um link simbólico (links não são seguidos)",
        ],
        FileKindLinkOutside => [
            "un enlace que apunta fuera de la carpeta vigilada (no se sigue)",
            "a link that points outside the watched folder (not followed)",
            "um link que aponta para fora da pasta monitorada (não é seguido)",
        ],
        FileKindBrokenLink => [
            "un enlace roto (su destino no existe o forma un ciclo)",
            "a broken link (its target does not exist, or links loop)",
            "um link quebrado (o destino não existe ou forma um ciclo)",
        ],
        FileKindOther => [
            "una entrada especial",
            "a special kind of entry",
            "uma entrada especial",
        ],
        ConfigPatternsOverlap => [
            "los patrones de archivo de `{first}` ({first_pattern}) y de `{second}` ({second_pattern}) coinciden con un mismo nombre, p. ej. {example}: ese archivo es de `{winner}`, el patrón más específico",
            "the file patterns of `{first}` ({first_pattern}) and `{second}` ({second_pattern}) match the same name, e.g. {example}: such a file belongs to `{winner}`, the more specific pattern",
            "os padrões de arquivo de `{first}` ({first_pattern}) e de `{second}` ({second_pattern}) correspondem a um mesmo nome, p. ex. {example}: esse arquivo é de `{winner}`, o padrão mais específico",
        ],
        ConfigPatternsTie => [
            "los patrones de archivo de `{first}` ({first_pattern}) y de `{second}` ({second_pattern}) coinciden igual de bien con un mismo nombre, p. ej. {example}: ese archivo no es de ninguna de las dos y se rechaza (ambiguous-file); haga más específico uno de los patrones",
            "the file patterns of `{first}` ({first_pattern}) and `{second}` ({second_pattern}) match the same name equally well, e.g. {example}: such a file belongs to neither and is rejected (ambiguous-file); make one of the patterns more specific",
            "os padrões de arquivo de `{first}` ({first_pattern}) e de `{second}` ({second_pattern}) correspondem igualmente a um mesmo nome, p. ex. {example}: esse arquivo não é de nenhuma das duas e é rejeitado (ambiguous-file); torne um dos padrões mais específico",
        ],
        }
    };
}
