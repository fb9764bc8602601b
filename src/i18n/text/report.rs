//! What people see at a glance: the states, verdicts, times and counts, the HTML report
//! (its sections, each issue's detail, the activity timeline), the tray's menu and the desktop
//! notifications.
//!
//! A list for `texts!` (`mod.rs`): `report_texts!` adds its keys to the ones it is
//! given and hands them all on to the next list's macro (the last is `texts!` itself).

macro_rules! report_texts {
    ($next:ident $(, $rest:ident)* ; $($done:tt)*) => {
        $next! { $($rest),* ; $($done)*
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
        // The row-level delta against the last accepted snapshot.
        DeltaLabel => ["Cambios por ID", "Changes by ID", "Alterações por ID"],
        DeltaCounts => [
            "altas: {added} · bajas: {removed} · modificaciones: {changed}",
            "{added} added · {removed} removed · {changed} changed",
            "inclusões: {added} · exclusões: {removed} · alterações: {changed}",
        ],
        DeltaFirstTime => [
            "primera vez: no hay nada anterior con qué comparar",
            "first time: nothing earlier to compare with",
            "primeira vez: não há nada anterior para comparar",
        ],
        DeltaRemovedIds => [
            "IDs quitados (los primeros {shown} de {removed}):",
            "Removed IDs (the first {shown} of {removed}):",
            "IDs removidos (os primeiros {shown} de {removed}):",
        ],
        MenuEntityDelta => [
            "{line} · +{added} −{removed} ~{changed}",
            "{line} · +{added} −{removed} ~{changed}",
            "{line} · +{added} −{removed} ~{changed}",
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
        DetailRequiredEmpty => [
            "está vacía, pero la configuración dice que cada fila debe tenerla (required)",
            "empty, but the configuration says every row must fill it (required)",
            "está vazia, mas a configuração diz que cada registro deve preenchê-la (required)",
        ],
        DetailDuplicateValue => [
            "el mismo valor ya está en la fila {row}, y la columna es única (unique)",
            "the same value is already on row {row}, and the column is unique",
            "o mesmo valor já está no registro {row}, e a coluna é única (unique)",
        ],
        DetailInvalidFormat => [
            "no tiene el formato {format}",
            "not in the format {format}",
            "não tem o formato {format}",
        ],
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
        DetailDanglingRefLastAccepted => [
            "no es un ID de {entity} en su último archivo aceptado ({file})",
            "not an ID of {entity} in its last accepted file ({file})",
            "não é um ID de {entity} no seu último arquivo aceito ({file})",
        ],
        DetailDanglingRefNotAccepted => [
            "no es un ID de {entity} ({file}, que no fue aceptado)",
            "not an ID of {entity} ({file}, which was not accepted)",
            "não é um ID de {entity} ({file}, que não foi aceito)",
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
        DetailUnverifiedRejectedChecked => [
            "{file} ({entity}) fue rechazado: las referencias se revisaron contra sus IDs, pero sus filas no se publican",
            "{file} ({entity}) was rejected: the refs were checked against its IDs, but its rows are not published",
            "{file} ({entity}) foi rejeitado: as referências foram verificadas contra os seus IDs, mas os seus registros não são publicados",
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
        DetailShrinkRemoved => [
            "faltan {removed} de los {before} IDs publicados la última vez (más de {guard}), aunque hay {rows} para publicar: ¿la exportación de otra sucursal?; retenido hasta que se apruebe",
            "{removed} of the {before} IDs published last time are gone (more than {guard}), though there are {rows} to publish: another branch's export?; held until approved",
            "faltam {removed} dos {before} IDs publicados da última vez (mais de {guard}), embora haja {rows} para publicar: a exportação de outra filial?; retido até ser aprovado",
        ],
        DetailUnreadable => [
            "no se puede leer el archivo: {error}",
            "cannot read the file: {error}",
            "não é possível ler o arquivo: {error}",
        ],
        DetailNotAFile => [
            "es {kind}; no se abrió ni se leyó",
            "it is {kind}; it was not opened or read",
            "é {kind}; não foi aberto nem lido",
        ],
        DetailAmbiguousFile => [
            "el nombre coincide igual de bien con el patrón de archivos de {other}: no se sabe de cuál entidad es",
            "the name matches the file pattern of {other} equally well: it is unclear which entity it belongs to",
            "o nome corresponde igualmente ao padrão de arquivos de {other}: não se sabe de qual entidade é",
        ],
        DetailOversizeRecord => [
            "la fila supera el límite de {limit} ([policy] max_record_bytes): el archivo se rechaza sin leer el resto; si los datos son reales, suba el límite",
            "the row is larger than the limit of {limit} ([policy] max_record_bytes): the file is rejected without reading the rest; if the data is real, raise the limit",
            "o registro é maior que o limite de {limit} ([policy] max_record_bytes): o arquivo é rejeitado sem ler o resto; se os dados forem reais, aumente o limite",
        ],
        DetailOversizeHeader => [
            "el encabezado supera el límite de {limit} ([policy] max_record_bytes): el archivo se rechaza sin leer el resto; si los datos son reales, suba el límite",
            "the header is larger than the limit of {limit} ([policy] max_record_bytes): the file is rejected without reading the rest; if the data is real, raise the limit",
            "o cabeçalho é maior que o limite de {limit} ([policy] max_record_bytes): o arquivo é rejeitado sem ler o resto; se os dados forem reais, aumente o limite",
        ],
        DetailQuarantined => [
            "el agente se detuvo mientras revisaba este archivo; no se vuelve a leer hasta que cambie",
            "the agent stopped while checking this file; it is not read again until it changes",
            "o agente parou enquanto verificava este arquivo; ele não é lido de novo até mudar",
        ],
        DetailTooManyInvalidRows => [
            "{invalid} de {total} tuvieron errores ({percent}), más que el límite de {limit} ([policy] max_invalid_rows): no se publicó nada del archivo; corrija las filas listadas, o suba el límite",
            "{invalid} of {total} had errors ({percent}), above the limit of {limit} ([policy] max_invalid_rows): nothing of the file was published; fix the listed rows, or raise the limit",
            "{invalid} de {total} tiveram erros ({percent}), acima do limite de {limit} ([policy] max_invalid_rows): nada do arquivo foi publicado; corrija os registros listados, ou aumente o limite",
        ],
        DetailTooManyInvalidRowsReject => [
            "{invalid} de {total} tuvieron errores ({percent}) y con [policy] on_error = \"reject\" basta una para rechazar el archivo: no se publicó nada; corrija las filas listadas, o use on_error = \"skip-rows\"",
            "{invalid} of {total} had errors ({percent}), and with [policy] on_error = \"reject\" one is enough to reject the file: nothing was published; fix the listed rows, or use on_error = \"skip-rows\"",
            "{invalid} de {total} tiveram erros ({percent}), e com [policy] on_error = \"reject\" basta um para rejeitar o arquivo: nada foi publicado; corrija os registros listados, ou use on_error = \"skip-rows\"",
        ],
        DetailNotATable => [
            "esto es {kind}, no un CSV: exporte los datos como CSV",
            "this is {kind}, not a CSV: export the data as CSV",
            "isto é {kind}, não um CSV: exporte os dados como CSV",
        ],
        LooksPdf => ["un PDF", "a PDF", "um PDF"],
        LooksZip => [
            "un archivo ZIP que no es un libro de Excel ni OpenDocument (.xlsx, .ods)",
            "a ZIP archive that is not an Excel or OpenDocument workbook (.xlsx, .ods)",
            "um arquivo ZIP que não é uma pasta de trabalho do Excel nem OpenDocument (.xlsx, .ods)",
        ],
        LooksOffice => [
            "un documento de Office que no es un libro de Excel (¿un Word o PowerPoint 97-2003?)",
            "an Office document that is not an Excel workbook (a Word or PowerPoint 97-2003 file?)",
            "um documento do Office que não é uma pasta de trabalho do Excel (um Word ou PowerPoint 97-2003?)",
        ],
        LooksImage => ["una imagen", "an image", "uma imagem"],
        LooksExecutable => ["un programa", "a program", "um programa"],
        LooksGzip => [
            "un archivo comprimido (gzip)",
            "a compressed (gzip) file",
            "um arquivo compactado (gzip)",
        ],
        LooksBinary => [
            "contenido binario (con bytes nulos), no texto",
            "binary content (with NUL bytes), not text",
            "conteúdo binário (com bytes nulos), não texto",
        ],
        DetailInvalidCharacterKey => [
            "tiene un carácter de control invisible ({character}) en el ID o en una referencia: la fila no se publica",
            "holds an invisible control character ({character}) in the ID or a reference: the row is not published",
            "tem um caractere de controle invisível ({character}) no ID ou em uma referência: o registro não é publicado",
        ],
        DetailInvalidCharacter => [
            "tiene un carácter de control invisible ({character}); la fila se publica igual, con ese carácter",
            "holds an invisible control character ({character}); the row is published all the same, with it",
            "tem um caractere de controle invisível ({character}); o registro é publicado mesmo assim, com ele",
        ],
        DetailTruncatedQuote => [
            "el archivo termina dentro de un texto entre comillas que se abre en esta fila: la exportación parece interrumpida; vuelva a exportarlo",
            "the file ends inside a quoted text that opens on this row: the export looks interrupted; export it again",
            "o arquivo termina dentro de um texto entre aspas que se abre neste registro: a exportação parece interrompida; exporte-o novamente",
        ],
        DetailTruncatedHeader => [
            "el archivo termina dentro de un texto entre comillas del encabezado: la exportación parece interrumpida; vuelva a exportarlo",
            "the file ends inside a quoted text of the header: the export looks interrupted; export it again",
            "o arquivo termina dentro de um texto entre aspas do cabeçalho: a exportação parece interrompida; exporte-o novamente",
        ],
        DetailTruncatedShort => [
            "el archivo termina a mitad de esta fila, que tiene {fields} de {expected} y ningún salto de línea: la exportación parece interrumpida; vuelva a exportarlo",
            "the file ends in the middle of this row, which has {fields} of {expected} and no line break: the export looks interrupted; export it again",
            "o arquivo termina no meio deste registro, que tem {fields} de {expected} e nenhuma quebra de linha: a exportação parece interrompida; exporte-o novamente",
        ],
        DetailApproved => [
            "{detail}; aprobado con sheetdrop approve",
            "{detail}; approved with sheetdrop approve",
            "{detail}; aprovado com sheetdrop approve",
        ],
        DetailColumnsChangedHeld => [
            "las columnas cambiaron desde el último archivo aceptado ({changes}); retenido hasta que se apruebe",
            "the columns changed since the last accepted file ({changes}); held until approved",
            "as colunas mudaram desde o último arquivo aceito ({changes}); retido até ser aprovado",
        ],
        DetailColumnsChanged => [
            "las columnas cambiaron desde el último archivo aceptado ({changes})",
            "the columns changed since the last accepted file ({changes})",
            "as colunas mudaram desde o último arquivo aceito ({changes})",
        ],
        ColumnsRemoved => [
            "quitadas: {names}",
            "removed: {names}",
            "removidas: {names}",
        ],
        ColumnsRenamed => [
            "renombradas: {names}",
            "renamed: {names}",
            "renomeadas: {names}",
        ],
        ColumnsAdded => [
            "nuevas: {names}",
            "added: {names}",
            "novas: {names}",
        ],
        ColumnsMoved => [
            "cambiadas de lugar: {names}",
            "moved: {names}",
            "mudadas de lugar: {names}",
        ],
        DetailCellError => [
            "la celda muestra el error de fórmula {value}: se publica así, como texto; corrija la fórmula o sus datos en la planilla",
            "the cell shows the formula error {value}: it is published so, as text; fix the formula or its data in the workbook",
            "a célula mostra o erro de fórmula {value}: é publicada assim, como texto; corrija a fórmula ou seus dados na planilha",
        ],
        DetailMissingSheet => [
            "el libro no tiene la hoja «{sheet}» (sheet en la configuración); sus hojas son: {sheets}",
            "the workbook has no sheet \"{sheet}\" (sheet in the configuration); its sheets are: {sheets}",
            "a pasta de trabalho não tem a planilha \"{sheet}\" (sheet na configuração); suas planilhas são: {sheets}",
        ],
        DetailWorkbookCut => [
            "el libro está cortado (le falta el final): la copia o la exportación se interrumpió; guárdelo o cópielo de nuevo",
            "the workbook is cut short (its end is missing): the copy or the export was interrupted; save or copy it again",
            "a pasta de trabalho está cortada (falta o final): a cópia ou a exportação foi interrompida; salve-a ou copie-a novamente",
        ],
        DetailWorkbookTooBig => [
            "el libro ocupa más de {limit} sin comprimir (16 veces [policy] max_record_bytes): no se lee; expórtelo como CSV, o suba el límite",
            "the workbook takes more than {limit} uncompressed (16 times [policy] max_record_bytes): it is not read; export it as CSV, or raise the limit",
            "a pasta de trabalho ocupa mais de {limit} descompactada (16 vezes [policy] max_record_bytes): não é lida; exporte-a como CSV, ou aumente o limite",
        ],
        DetailWorkbookDamaged => [
            "el libro está dañado o no se puede leer ({error}); ábralo y guárdelo de nuevo, o expórtelo como CSV",
            "the workbook is damaged or cannot be read ({error}); open it and save it again, or export it as CSV",
            "a pasta de trabalho está danificada ou não pode ser lida ({error}); abra-a e salve-a novamente, ou exporte-a como CSV",
        ],
        DetailStrayQuote => [
            "una comilla que se abre en esta fila se tragó {lines} más, cada una con forma de fila entera: cuentan como filas con error; quite la comilla y vuelva a exportar",
            "a quote that opens on this row swallowed {lines} after it, each shaped like a whole row: they count as rows with errors; remove the quote and export again",
            "uma aspa que se abre neste registro engoliu {lines} a mais, cada uma com forma de registro inteiro: contam como registros com erro; remova a aspa e exporte novamente",
        ],
        DetailStrayQuoteOpen => [
            "una comilla que se abre en esta fila nunca se cierra y se tragó {lines} más, cada una con forma de fila entera, hasta el final del archivo: el archivo se rechaza entero; quite la comilla y vuelva a exportar",
            "a quote that opens on this row is never closed and swallowed {lines} after it, each shaped like a whole row, up to the end of the file: the whole file is rejected; remove the quote and export again",
            "uma aspa que se abre neste registro nunca se fecha e engoliu {lines} a mais, cada uma com forma de registro inteiro, até o fim do arquivo: o arquivo inteiro é rejeitado; remova a aspa e exporte novamente",
        ],
        LinesOne => ["{n} línea", "{n} line", "{n} linha"],
        LinesMany => ["{n} líneas", "{n} lines", "{n} linhas"],
        ValueCut => [
            "{value} ({n} caracteres)",
            "{value} ({n} characters)",
            "{value} ({n} caracteres)",
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
        }
    };
}
