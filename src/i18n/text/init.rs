//! `sheetdrop init`: the comments of the config it writes (the evidence of each inferred
//! fact), what the command prints, and its `--help`.
//!
//! A list for `texts!` (`mod.rs`): `init_texts!` adds its keys to the ones it is given and
//! hands them all on to the next list's macro.

macro_rules! init_texts {
    ($next:ident $(, $rest:ident)* ; $($done:tt)*) => {
        $next! { $($rest),* ; $($done)*
        // The config's comments.
        InitHeader => [
            "Configuración escrita por `sheetdrop init` a partir de las exportaciones de {folder}.",
            "Configuration written by `sheetdrop init` from the exports in {folder}.",
            "Configuração escrita por `sheetdrop init` a partir das exportações de {folder}.",
        ],
        InitReview => [
            "Revísela: cada dato deducido dice en qué se basa; las referencias dudosas están comentadas\n(quite el «#» para activarlas). Más claves y su significado: docs/config.md.",
            "Review it: each inferred fact says what it is based on; doubtful references are commented\nout (remove the \"#\" to turn one on). More keys and what they mean: docs/config.md.",
            "Revise-a: cada dado deduzido diz em que se baseia; as referências duvidosas estão comentadas\n(tire o “#” para ativá-las). Mais chaves e seu significado: docs/config.md.",
        ],
        InitFolder => [
            "La carpeta vigilada, donde llegan las exportaciones.",
            "The watched folder, where the exports arrive.",
            "A pasta vigiada, onde chegam as exportações.",
        ],
        InitReadText => [
            "Leído de {file}: {rows} filas, {encoding}, separador «{delimiter}».",
            "Read from {file}: {rows} rows, {encoding}, delimiter \"{delimiter}\".",
            "Lido de {file}: {rows} registros, {encoding}, separador “{delimiter}”.",
        ],
        InitReadWorkbook => [
            "Leído de {file} (planilla): {rows} filas.",
            "Read from {file} (workbook): {rows} rows.",
            "Lido de {file} (planilha): {rows} registros.",
        ],
        InitFormatEvidence => [
            "{matched} de {of} valores tienen el formato {format}. Como aviso: las filas que no lo tengan se informan y se publican (severity = \"error\" las deja afuera).",
            "{matched} of {of} values have the format {format}. As a warning: rows without it are reported and published (severity = \"error\" leaves them out).",
            "{matched} de {of} valores têm o formato {format}. Como aviso: os registros sem ele são informados e publicados (severity = \"error\" os deixa de fora).",
        ],
        InitFormatEvidenceSample => [
            "{matched} de {of} valores de una muestra tienen el formato {format}. Como aviso: las filas que no lo tengan se informan y se publican (severity = \"error\" las deja afuera).",
            "{matched} of {of} values of a sample have the format {format}. As a warning: rows without it are reported and published (severity = \"error\" leaves them out).",
            "{matched} de {of} valores de uma amostra têm o formato {format}. Como aviso: os registros sem ele são informados e publicados (severity = \"error\" os deixa de fora).",
        ],
        InitUniqueEvidence => [
            "Ningún valor se repite: unique = true informa un valor repetido.",
            "No value repeats: unique = true reports a repeated value.",
            "Nenhum valor se repete: unique = true informa um valor repetido.",
        ],
        InitIdEvidence => [
            "ID: {distinct} valores distintos en {rows} filas; repetidos: {duplicates}, vacíos: {empty} (validate los informará).",
            "ID: {distinct} distinct values in {rows} rows; repeated: {duplicates}, empty: {empty} (validate will report them).",
            "ID: {distinct} valores distintos em {rows} registros; repetidos: {duplicates}, vazios: {empty} (validate os informará).",
        ],
        InitNoId => [
            "Ninguna columna tiene valores únicos: se toma la primera como ID. Elija otra con id = \"COLUMNA\".",
            "No column has unique values: the first one is taken as the ID. Choose another with id = \"COLUMN\".",
            "Nenhuma coluna tem valores únicos: a primeira é tomada como ID. Escolha outra com id = \"COLUNA\".",
        ],
        InitRefEvidence => [
            "{found} de {of} valores están en {target}",
            "{found} of {of} values are in {target}",
            "{found} de {of} valores estão em {target}",
        ],
        InitRefEvidenceSample => [
            "{found} de {of} valores de una muestra están en {target}",
            "{found} of {of} sampled values are in {target}",
            "{found} de {of} valores de uma amostra estão em {target}",
        ],
        InitRefRequired => [
            "sin celdas vacías",
            "no empty cell",
            "sem células vazias",
        ],
        InitRefOptional => [
            "celdas vacías: {empty}",
            "empty cells: {empty}",
            "células vazias: {empty}",
        ],
        InitDoubtful => [
            "Dudosa, no se revisa: {reason} ({evidence}).",
            "Doubtful, not checked: {reason} ({evidence}).",
            "Duvidosa, não é verificada: {reason} ({evidence}).",
        ],
        InitDoubtMeasure => [
            "«{column}» parece un año, una cantidad o un importe, cuyos números caen entre los ID de {parent} por casualidad",
            "\"{column}\" looks like a year, a quantity or an amount, whose numbers fall among {parent}'s IDs by coincidence",
            "“{column}” parece um ano, uma quantidade ou um valor, cujos números caem entre os ID de {parent} por acaso",
        ],
        InitDoubtCoincidence => [
            "«{column}» usa pocos ID de {parent} y de un tramo estrecho: puede ser casualidad",
            "\"{column}\" uses few of {parent}'s IDs, from a narrow stretch: it may be a coincidence",
            "“{column}” usa poucos ID de {parent}, de um trecho estreito: pode ser acaso",
        ],
        InitDoubtNameSaysNothing => [
            "sus números caen entre los ID de {parent}, pero el nombre «{column}» no dice que sea un código",
            "its numbers fall among {parent}'s IDs, but the name \"{column}\" does not say it is a code",
            "seus números caem entre os ID de {parent}, mas o nome “{column}” não diz que seja um código",
        ],
        InitDoubtLowShare => [
            "el nombre «{column}» sugiere {parent}, pero muchos valores no están entre sus ID",
            "the name \"{column}\" suggests {parent}, but many values are not among its IDs",
            "o nome “{column}” sugere {parent}, mas muitos valores não estão entre seus ID",
        ],
        InitDoubtCycle => [
            "«{column}» → {parent} cerraría un círculo de referencias",
            "\"{column}\" → {parent} would close a circle of references",
            "“{column}” → {parent} fecharia um círculo de referências",
        ],
        InitDoubtNotInPreset => [
            "«{column}» → {parent} no es una dependencia del catálogo TECNOM",
            "\"{column}\" → {parent} is not a dependency of the TECNOM catalog",
            "“{column}” → {parent} não é uma dependência do catálogo TECNOM",
        ],
        InitPresetNoFile => [
            "TECNOM: no hay archivo para «{entity}»: esa entidad no está en esta configuración.",
            "TECNOM: no file for \"{entity}\": that entity is not in this configuration.",
            "TECNOM: não há arquivo para “{entity}”: essa entidade não está nesta configuração.",
        ],
        InitPresetNoColumn => [
            "TECNOM: ninguna columna de {child} contiene ID de {parent}: esa dependencia no se revisa.",
            "TECNOM: no column of {child} holds IDs of {parent}: that dependency is not checked.",
            "TECNOM: nenhuma coluna de {child} contém ID de {parent}: essa dependência não é verificada.",
        ],
        InitPresetLeftOut => [
            "TECNOM: {file} no es ninguna entidad del catálogo: queda fuera.",
            "TECNOM: {file} is none of the catalog's entities: it is left out.",
            "TECNOM: {file} não é nenhuma entidade do catálogo: fica de fora.",
        ],
        // What the command prints.
        InitWrote => [
            "Configuración escrita en {path}: {entities} entidades, {refs} referencias activas, {doubtful} dudosas (comentadas).",
            "Configuration written to {path}: {entities} entities, {refs} active references, {doubtful} doubtful (commented out).",
            "Configuração escrita em {path}: {entities} entidades, {refs} referências ativas, {doubtful} duvidosas (comentadas).",
        ],
        InitExists => [
            "{path} ya existe: no se reemplaza (use --force para reemplazarlo)",
            "{path} already exists: it is not replaced (use --force to replace it)",
            "{path} já existe: não é substituído (use --force para substituí-lo)",
        ],
        InitNoExports => [
            "no hay exportaciones en {folder} (archivos .csv, .txt, .tsv, .xlsx, .xlsm, .xls u .ods): no se escribió nada",
            "no exports in {folder} (.csv, .txt, .tsv, .xlsx, .xlsm, .xls or .ods files): nothing was written",
            "não há exportações em {folder} (arquivos .csv, .txt, .tsv, .xlsx, .xlsm, .xls ou .ods): nada foi escrito",
        ],
        InitUnreadable => [
            "no se pudo leer {file}: {error}; queda fuera de la configuración",
            "could not read {file}: {error}; it is left out of the configuration",
            "não foi possível ler {file}: {error}; fica fora da configuração",
        ],
        InitCheckedWith => [
            "Revisión de la carpeta con la nueva configuración:",
            "The folder checked with the new configuration:",
            "Verificação da pasta com a nova configuração:",
        ],
        // `--help`.
        HelpInit => [
            "Escribe una configuración a partir de las exportaciones de CARPETA y revisa la carpeta con ella",
            "Write a config from the exports in FOLDER and check the folder with it",
            "Escreve uma configuração a partir das exportações de PASTA e verifica a pasta com ela",
        ],
        HelpArgInitFolder => [
            "La carpeta de exportaciones (por omisión, la configurada o la predeterminada)",
            "The folder of exports (default: the configured or default one)",
            "A pasta de exportações (por padrão, a configurada ou a predeterminada)",
        ],
        HelpArgForce => [
            "Reemplaza el archivo de configuración si ya existe",
            "Replace the config file if it already exists",
            "Substitui o arquivo de configuração se já existir",
        ],
        HelpValuePreset => ["CATÁLOGO", "PRESET", "CATÁLOGO"],
        HelpArgPreset => [
            "Usa un catálogo conocido (tecnom: sus seis entidades y dependencias) y lo ajusta a los archivos",
            "Use a known catalog (tecnom: its six entities and dependencies), matched to the files",
            "Usa um catálogo conhecido (tecnom: suas seis entidades e dependências), ajustado aos arquivos",
        ],
        }
    };
}
