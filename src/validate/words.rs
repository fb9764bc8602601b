//! Each issue code in words: a short title and a plain-language explanation of what went
//! wrong and what to fix in the export, in es / en / pt-BR. The codes say themselves (the
//! module that owns them words them, and `i18n` knows nothing of them); both tables are
//! exhaustive matches on [`Code`], so a new code does not compile without its texts.

use super::Code;
use crate::i18n::{Lang, Text};

impl Code {
    /// The code whose report name is `name` (e.g. `duplicate-id`).
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// The short title, e.g. "ID repetido".
    pub fn title(self, lang: Lang) -> &'static str {
        lang.pick(title(self))
    }

    /// What the code means and what to fix in the export, in plain language.
    pub fn explanation(self, lang: Lang) -> &'static str {
        lang.pick(explanation(self))
    }
}

/// The title of the issue code named `name` in a report (e.g. `duplicate-id` → "ID
/// repetido"); an unknown code is returned as is.
pub fn code_title(lang: Lang, name: &str) -> &str {
    Code::from_name(name).map_or(name, |code| code.title(lang))
}

/// A short title, `[es, en, pt-BR]`.
fn title(code: Code) -> [&'static str; 3] {
    match code {
        Code::EmptyFile => ["Archivo vacío", "Empty file", "Arquivo vazio"],
        Code::MissingColumn => ["Falta una columna", "Missing column", "Falta uma coluna"],
        Code::DuplicateHeader => ["Columna repetida", "Duplicate column", "Coluna repetida"],
        Code::EmptyHeader => [
            "Columna sin nombre",
            "Column without a name",
            "Coluna sem nome",
        ],
        Code::RaggedRow => [
            "Fila con columnas de más o de menos",
            "Row with too many or too few columns",
            "Registro com colunas a mais ou a menos",
        ],
        Code::Undecodable => [
            "Caracteres ilegibles",
            "Unreadable characters",
            "Caracteres ilegíveis",
        ],
        Code::EmptyId => ["Falta el ID", "Missing ID", "Falta o ID"],
        Code::DuplicateId => ["ID repetido", "Duplicate ID", "ID repetido"],
        Code::MissingRef => [
            "Falta una referencia obligatoria",
            "Missing required reference",
            "Falta uma referência obrigatória",
        ],
        Code::DanglingRef => [
            "Referencia a un registro que no existe",
            "Reference to a record that does not exist",
            "Referência a um registro que não existe",
        ],
        Code::OrphanedRef => [
            "Referencia a una fila descartada",
            "Reference to a row that was left out",
            "Referência a um registro descartado",
        ],
        Code::UnverifiedRefs => [
            "Referencias sin verificar",
            "References not checked",
            "Referências não verificadas",
        ],
        Code::Shrink => [
            "Retenido: el archivo se achicó mucho",
            "Held: the file shrank a lot",
            "Retido: o arquivo diminuiu muito",
        ],
        Code::Unreadable => [
            "No se pudo abrir el archivo",
            "The file could not be opened",
            "Não foi possível abrir o arquivo",
        ],
        Code::AmbiguousFile => [
            "Archivo de dos entidades a la vez",
            "File claimed by two entities",
            "Arquivo de duas entidades ao mesmo tempo",
        ],
        Code::NotAFile => [
            "No es un archivo común",
            "Not a regular file",
            "Não é um arquivo comum",
        ],
        Code::OversizeRecord => [
            "Registro demasiado grande",
            "Record too large",
            "Registro grande demais",
        ],
        Code::Quarantined => [
            "En cuarentena: el agente se detuvo al revisarlo",
            "Quarantined: the agent stopped while checking it",
            "Em quarentena: o agente parou ao verificá-lo",
        ],
        Code::TooManyInvalidRows => [
            "Demasiadas filas con errores",
            "Too many rows with errors",
            "Registros com erros demais",
        ],
        Code::NotATable => ["No es una tabla", "Not a table", "Não é uma tabela"],
        Code::InvalidCharacter => [
            "Carácter de control en una celda",
            "Control character in a cell",
            "Caractere de controle em uma célula",
        ],
        Code::Truncated => [
            "Archivo cortado: la exportación parece interrumpida",
            "File cut short: the export looks interrupted",
            "Arquivo cortado: a exportação parece interrompida",
        ],
        Code::ColumnsChanged => [
            "Cambiaron las columnas",
            "The columns changed",
            "As colunas mudaram",
        ],
        Code::CellError => [
            "Celda con error de fórmula",
            "Cell with a formula error",
            "Célula com erro de fórmula",
        ],
        Code::StrayQuote => [
            "Comilla suelta: se tragó filas enteras",
            "Stray quote: it swallowed whole rows",
            "Aspa solta: engoliu registros inteiros",
        ],
        Code::RequiredEmpty => [
            "Falta un dato obligatorio",
            "Required value missing",
            "Falta um dado obrigatório",
        ],
        Code::DuplicateValue => [
            "Valor repetido en una columna única",
            "Duplicate value in a unique column",
            "Valor repetido em uma coluna única",
        ],
        Code::InvalidFormat => [
            "Valor con formato no válido",
            "Value in the wrong format",
            "Valor com formato inválido",
        ],
    }
}

/// What the issue means and what to fix in the export, `[es, en, pt-BR]`.
fn explanation(code: Code) -> [&'static str; 3] {
    match code {
        Code::EmptyFile => [
            "El archivo no tiene ni siquiera la fila de encabezados con los nombres de las columnas. Vuelva a exportarlo desde el sistema y compruebe que la exportación terminó bien y que el archivo no está vacío.",
            "The file does not even have the header row with the column names. Export it again from your system and check that the export finished and the file is not empty.",
            "O arquivo não tem nem a linha de cabeçalho com os nomes das colunas. Exporte-o novamente do sistema e verifique se a exportação terminou e se o arquivo não está vazio.",
        ],
        Code::MissingColumn => [
            "Falta en el encabezado una columna que se necesita (el ID o la que une con otros datos). Revise que la exportación incluya esa columna con el mismo nombre; el detalle dice cuál falta y cuál se le parece. Si el nombre cambió en el sistema, hay que actualizar la configuración.",
            "A column that is needed (the ID, or the one linking to other data) is not in the header. Check that the export includes that column under the same name; the detail says which one is missing and the closest match. If the name changed in your system, the configuration must be updated.",
            "Falta no cabeçalho uma coluna necessária (o ID ou a que liga a outros dados). Verifique se a exportação inclui essa coluna com o mesmo nome; o detalhe diz qual falta e qual é a mais parecida. Se o nome mudou no sistema, é preciso atualizar a configuração.",
        ],
        Code::DuplicateHeader => [
            "Dos columnas del encabezado tienen el mismo nombre, así que no se sabe cuál usar. Cambie el nombre de una de ellas en la exportación o quite la que sobra.",
            "Two columns of the header have the same name, so it is unclear which one to use. Rename one of them in the export, or remove the extra one.",
            "Duas colunas do cabeçalho têm o mesmo nome, então não se sabe qual usar. Renomeie uma delas na exportação ou remova a que sobra.",
        ],
        Code::EmptyHeader => [
            "Una columna no tiene nombre en el encabezado. El archivo se publica igual, pero conviene ponerle nombre o quitarla; a menudo es un separador de más al final de cada línea.",
            "A column has no name in the header. The file is still published, but it is better to name the column or remove it; often it is an extra delimiter at the end of each line.",
            "Uma coluna não tem nome no cabeçalho. O arquivo é publicado mesmo assim, mas convém dar um nome a ela ou removê-la; muitas vezes é um separador a mais no fim de cada linha.",
        ],
        Code::RaggedRow => [
            "Esta fila tiene una cantidad de columnas distinta a la del encabezado. Suele pasar cuando un texto contiene el separador (por ejemplo un punto y coma dentro de una dirección) sin comillas. Corrija ese dato en el sistema o exporte con los textos entre comillas. La fila no se publica.",
            "This row has a different number of columns than the header. This usually happens when a text contains the delimiter (for example a semicolon inside an address) without quotes. Fix that value in your system, or export with texts in quotes. The row is not published.",
            "Este registro tem um número de colunas diferente do cabeçalho. Costuma acontecer quando um texto contém o separador (por exemplo, um ponto e vírgula dentro de um endereço) sem aspas. Corrija esse dado no sistema ou exporte com os textos entre aspas. O registro não é publicado.",
        ],
        Code::Undecodable => [
            "Esta celda tiene caracteres dañados que no se pueden leer (se verían como símbolos raros). Corrija el texto en el sistema, o vuelva a exportar el archivo con codificación UTF-8. La fila no se publica.",
            "This cell has damaged characters that cannot be read (they would show as odd symbols). Fix the text in your system, or export the file again as UTF-8. The row is not published.",
            "Esta célula tem caracteres danificados que não podem ser lidos (apareceriam como símbolos estranhos). Corrija o texto no sistema ou exporte o arquivo novamente em UTF-8. O registro não é publicado.",
        ],
        Code::EmptyId => [
            "La fila no tiene valor en la columna del ID, y cada fila necesita un identificador único. Complételo en el sistema y vuelva a exportar. Mientras tanto la fila no se publica.",
            "The row has no value in the ID column, and every row needs a unique identifier. Fill it in in your system and export again. Until then the row is not published.",
            "O registro não tem valor na coluna do ID, e cada registro precisa de um identificador único. Preencha-o no sistema e exporte novamente. Enquanto isso, o registro não é publicado.",
        ],
        Code::DuplicateId => [
            "Este ID ya aparece en una fila anterior (el detalle dice cuál). Se publica sólo la primera; corrija o elimine el duplicado en el sistema y vuelva a exportar.",
            "This ID already appears on an earlier row (the detail says which). Only the first one is published; fix or delete the duplicate in your system and export again.",
            "Este ID já aparece em um registro anterior (o detalhe diz qual). Só o primeiro é publicado; corrija ou exclua o duplicado no sistema e exporte novamente.",
        ],
        Code::MissingRef => [
            "Está vacía una celda que debe indicar un registro de otros datos (por ejemplo, el cliente de una venta). Complétela en el sistema y vuelva a exportar. Mientras tanto la fila no se publica.",
            "A cell that must name a record of other data (for example, the client of a sale) is empty. Fill it in in your system and export again. Until then the row is not published.",
            "Está vazia uma célula que deve indicar um registro de outros dados (por exemplo, o cliente de uma venda). Preencha-a no sistema e exporte novamente. Enquanto isso, o registro não é publicado.",
        ],
        Code::DanglingRef => [
            "El valor no coincide con ningún ID de los datos a los que apunta (por ejemplo, una venta con un código de cliente que no está en el archivo de clientes). Revise que ese otro archivo esté completo y actualizado, o corrija el código. Si la referencia es obligatoria la fila no se publica; si es opcional sólo es un aviso.",
            "The value matches no ID of the data it points to (for example, a sale with a client code that is not in the clients file). Check that the other file is complete and up to date, or fix the code. When the reference is required the row is not published; when it is optional this is only a warning.",
            "O valor não corresponde a nenhum ID dos dados aos quais aponta (por exemplo, uma venda com um código de cliente que não está no arquivo de clientes). Verifique se esse outro arquivo está completo e atualizado, ou corrija o código. Se a referência for obrigatória, o registro não é publicado; se for opcional, é só um aviso.",
        ],
        Code::OrphanedRef => [
            "El ID al que apunta existe, pero su fila quedó afuera por sus propios errores (véalos en la sección de esos datos). Corrija primero aquella fila; ésta se publicará cuando aquella se publique.",
            "The ID it points to exists, but its row was left out for its own errors (see them in that data's section). Fix that row first; this one is published once that one is.",
            "O ID ao qual aponta existe, mas o registro dele ficou de fora pelos próprios erros (veja-os na seção desses dados). Corrija primeiro aquele registro; este será publicado quando aquele for.",
        ],
        Code::UnverifiedRefs => [
            "No se pudieron comprobar las referencias porque el archivo de los otros datos falta o fue rechazado. Exporte también ese archivo (y corrija sus errores) para que se puedan comprobar.",
            "The references could not be checked because the other data's file is missing or was rejected. Export that file too (and fix its errors) so they can be checked.",
            "Não foi possível verificar as referências porque o arquivo dos outros dados está faltando ou foi rejeitado. Exporte também esse arquivo (e corrija seus erros) para que possam ser verificadas.",
        ],
        Code::Shrink => [
            "El archivo trae muchas menos filas que la última versión publicada (o ninguna), lo que suele indicar una exportación incompleta o con un filtro puesto. Revise la exportación. Si la reducción es correcta, apruébela y se publicará.",
            "The file has far fewer rows than the last published version (or none), which usually means an incomplete export or one with a filter on. Check the export. If the drop is right, approve it and it will be published.",
            "O arquivo traz muito menos registros que a última versão publicada (ou nenhum), o que costuma indicar uma exportação incompleta ou com um filtro ativo. Verifique a exportação. Se a redução estiver correta, aprove-a e ela será publicada.",
        ],
        Code::Unreadable => [
            "No se pudo abrir el archivo: puede estar abierto en otro programa (por ejemplo Excel) o no tener permiso de lectura. Ciérrelo o revise los permisos; se leerá apenas se pueda abrir.",
            "The file could not be opened: it may be open in another program (Excel, for example) or not readable with the current permissions. Close it or check its permissions; it is read as soon as it can be opened.",
            "Não foi possível abrir o arquivo: ele pode estar aberto em outro programa (por exemplo, o Excel) ou sem permissão de leitura. Feche-o ou verifique as permissões; ele será lido assim que puder ser aberto.",
        ],
        Code::AmbiguousFile => [
            "El nombre del archivo coincide igual de bien con los patrones de archivo de dos entidades, así que no se sabe de cuál es y no se publica en ninguna. Cambie el nombre del archivo, o haga más específico el patrón `file` de una de las dos en la configuración.",
            "The file's name matches the file patterns of two entities equally well, so it is unclear which one it belongs to and it is published for neither. Rename the file, or make the `file` pattern of one of the two more specific in the configuration.",
            "O nome do arquivo corresponde igualmente aos padrões de arquivo de duas entidades, então não se sabe de qual é e ele não é publicado em nenhuma. Renomeie o arquivo ou torne mais específico o padrão `file` de uma delas na configuração.",
        ],
        Code::NotAFile => [
            "Donde se esperaba el archivo hay otra cosa: una carpeta, un enlace, una tubería o un dispositivo. No se abre ni se lee, por seguridad. Ponga en la carpeta el archivo exportado mismo (no un acceso directo ni un enlace) y quite lo que ocupa su nombre.",
            "Where the file was expected there is something else: a folder, a link, a pipe or a device. For safety it is not opened or read. Put the exported file itself in the folder (not a shortcut or a link) and remove what holds its name.",
            "Onde se esperava o arquivo há outra coisa: uma pasta, um link, um pipe ou um dispositivo. Por segurança, não é aberto nem lido. Coloque na pasta o próprio arquivo exportado (não um atalho nem um link) e remova o que ocupa o nome dele.",
        ],
        Code::OversizeRecord => [
            "Una fila, un campo o el encabezado es más grande que el límite ([policy] max_record_bytes), así que el archivo se rechaza sin leerlo entero. Suele ser un archivo dañado o que no es una exportación (por ejemplo, lleno de caracteres nulos) o una comilla sin cerrar que se traga el resto del archivo. Vuelva a exportarlo; si esos datos son reales, suba el límite en la configuración.",
            "A row, a field or the header is larger than the limit ([policy] max_record_bytes), so the file is rejected without being read whole. It is usually a damaged file or one that is not an export (for example, full of null characters), or an unclosed quote that swallows the rest of the file. Export it again; if the data is real, raise the limit in the configuration.",
            "Um registro, um campo ou o cabeçalho é maior que o limite ([policy] max_record_bytes), então o arquivo é rejeitado sem ser lido inteiro. Costuma ser um arquivo danificado ou que não é uma exportação (por exemplo, cheio de caracteres nulos), ou uma aspa não fechada que engole o resto do arquivo. Exporte-o novamente; se os dados forem reais, aumente o limite na configuração.",
        ],
        Code::Quarantined => [
            "El agente se detuvo (por falta de memoria o porque lo cerraron a la fuerza) mientras revisaba este archivo, así que no se vuelve a leer hasta que cambie: las demás entidades se siguen publicando. Vuelva a exportar el archivo; si el problema sigue, envíe el diagnóstico a soporte.",
            "The agent stopped (out of memory, or killed) while checking this file, so it is not read again until it changes: the other entities go on being published. Export the file again; if the problem persists, send the diagnostics to support.",
            "O agente parou (por falta de memória ou porque foi encerrado à força) enquanto verificava este arquivo, então ele não é lido de novo até mudar: as demais entidades continuam sendo publicadas. Exporte o arquivo novamente; se o problema continuar, envie o diagnóstico ao suporte.",
        ],
        Code::TooManyInvalidRows => [
            "Más filas de las permitidas tienen errores ([policy] max_invalid_rows; con on_error = \"reject\", una sola basta), así que el archivo entero se rechaza y no se publica nada de él: publicar sólo una parte tan chica podría dejar datos a medias. Corrija las filas listadas en el sistema y vuelva a exportar; si esa cantidad de errores es normal para estos datos, suba el límite en la configuración.",
            "More rows have errors than allowed ([policy] max_invalid_rows; with on_error = \"reject\", one is enough), so the whole file is rejected and nothing of it is published: publishing what is left could leave the data half done. Fix the listed rows in your system and export again; if that many errors are normal for this data, raise the limit in the configuration.",
            "Mais registros do que o permitido têm erros ([policy] max_invalid_rows; com on_error = \"reject\", basta um), então o arquivo inteiro é rejeitado e nada dele é publicado: publicar só o que sobra poderia deixar os dados pela metade. Corrija os registros listados no sistema e exporte novamente; se essa quantidade de erros for normal para esses dados, aumente o limite na configuração.",
        ],
        Code::NotATable => [
            "El archivo no es una tabla de texto: por sus primeros bytes es un PDF, un ZIP que no es un libro de Excel u OpenDocument, una imagen, un programa o contenido binario (el detalle dice cuál), así que se rechaza sin leerlo como texto. Exporte los datos como CSV (en Excel: Guardar como, «CSV UTF-8») con el nombre que espera la configuración.",
            "The file is not a text table: by its first bytes it is a PDF, a ZIP that is not an Excel or OpenDocument workbook, an image, a program or binary content (the detail says which), so it is rejected without being read as text. Export the data as CSV (in Excel: Save As, \"CSV UTF-8\") under the name the configuration expects.",
            "O arquivo não é uma tabela de texto: pelos primeiros bytes é um PDF, um ZIP que não é uma pasta de trabalho do Excel ou OpenDocument, uma imagem, um programa ou conteúdo binário (o detalhe diz qual), então é rejeitado sem ser lido como texto. Exporte os dados como CSV (no Excel: Salvar como, \"CSV UTF-8\") com o nome que a configuração espera.",
        ],
        Code::InvalidCharacter => [
            "La celda tiene un carácter de control invisible (un carácter nulo, un escape, un salto de página…; el valor lo muestra como \\x00), que suele venir de un dato mal cargado o de una copia dañada y rompe búsquedas y uniones. En el ID o en una referencia es un error y la fila no se publica; en otra columna es un aviso. Corrija el dato en el sistema y vuelva a exportar.",
            "The cell holds an invisible control character (a null, an escape, a form feed…; the value shows it as \\x00), which usually comes from badly entered data or a damaged copy and breaks searches and joins. In the ID or a reference it is an error and the row is not published; in another column it is a warning. Fix the data in your system and export again.",
            "A célula tem um caractere de controle invisível (um caractere nulo, um escape, uma quebra de página…; o valor o mostra como \\x00), que costuma vir de um dado mal cadastrado ou de uma cópia danificada e quebra buscas e junções. No ID ou em uma referência é um erro e o registro não é publicado; em outra coluna é um aviso. Corrija o dado no sistema e exporte novamente.",
        ],
        Code::Truncated => [
            "El archivo termina en medio de una fila: dentro de un texto entre comillas que nunca se cierra, o en una última fila con menos columnas que el encabezado y sin salto de línea. Es lo que queda cuando la exportación se interrumpe (el sistema se cerró, el disco se llenó, la copia se cortó). No se publica nada del archivo, y lo publicado antes sigue como estaba. Vuelva a exportarlo y espere a que la exportación termine.",
            "The file ends in the middle of a row: inside a quoted text that is never closed, or on a last row with fewer columns than the header and no line break. That is what is left when an export is interrupted (the system closed, the disk filled up, the copy was cut). Nothing of the file is published, and what was published before stays as it was. Export it again and wait for the export to finish.",
            "O arquivo termina no meio de um registro: dentro de um texto entre aspas que nunca se fecha, ou em um último registro com menos colunas que o cabeçalho e sem quebra de linha. É o que sobra quando a exportação é interrompida (o sistema fechou, o disco encheu, a cópia foi cortada). Nada do arquivo é publicado, e o que foi publicado antes continua como estava. Exporte-o novamente e espere a exportação terminar.",
        ],
        Code::ColumnsChanged => [
            "Las columnas del archivo no son las de la última versión publicada: se agregaron, quitaron, renombraron o cambiaron de lugar (el detalle dice cuáles). Suele pasar tras una actualización del sistema o un cambio en la plantilla de exportación, y rompe la correspondencia de columnas del destino (por ejemplo, el importador del CRM). Si se quitó o renombró una columna, el archivo queda retenido hasta que lo apruebe con `sheetdrop approve`; si el cambio es el esperado, apruébelo y las nuevas columnas pasan a ser la referencia. Si no, corrija la exportación y vuelva a exportar.",
            "The file's columns are not those of the last published version: columns were added, removed, renamed or moved (the detail says which). It usually follows a system update or a change to the export template, and it breaks the destination's column mapping (the CRM importer's, for example). When a column was removed or renamed, the file is held until you approve it with `sheetdrop approve`; if the change is expected, approve it and the new columns become the reference. If not, fix the export and export again.",
            "As colunas do arquivo não são as da última versão publicada: colunas foram adicionadas, removidas, renomeadas ou mudaram de lugar (o detalhe diz quais). Costuma acontecer após uma atualização do sistema ou uma mudança no modelo de exportação, e quebra o mapeamento de colunas do destino (por exemplo, o importador do CRM). Se uma coluna foi removida ou renomeada, o arquivo fica retido até que você o aprove com `sheetdrop approve`; se a mudança for a esperada, aprove-o e as novas colunas passam a ser a referência. Se não, corrija a exportação e exporte novamente.",
        ],
        Code::CellError => [
            "Una celda de la planilla muestra un error de fórmula (#N/A, #DIV/0!, #REF!…): la fórmula que la calcula falló. Se publica tal cual, como texto, y esto es sólo un aviso; si es el ID o una referencia, probablemente tampoco coincida con nada. Corrija la fórmula o los datos de los que depende en la planilla y vuelva a guardarla.",
            "A cell of the workbook shows a formula error (#N/A, #DIV/0!, #REF!…): the formula that computes it failed. It is published as it is, as text, and this is only a warning; if it is the ID or a reference, it probably matches nothing either. Fix the formula or the data it depends on in the workbook and save it again.",
            "Uma célula da planilha mostra um erro de fórmula (#N/A, #DIV/0!, #REF!…): a fórmula que a calcula falhou. É publicada como está, como texto, e isto é só um aviso; se for o ID ou uma referência, provavelmente também não corresponde a nada. Corrija a fórmula ou os dados de que ela depende na planilha e salve-a novamente.",
        ],
        Code::StrayQuote => [
            "Una celda empieza con una comilla (\") que no debía estar ahí, por ejemplo «\"Lo de Pepe». Para un CSV esa comilla abre un texto que sigue en las líneas siguientes hasta la próxima comilla, y se traga filas enteras en una sola celda. Esas filas no se publican: cada línea tragada cuenta como una fila con error (el detalle dice cuántas), y si la comilla nunca se cierra el archivo se rechaza entero. Quite la comilla del dato en el sistema (o exporte con los textos entre comillas) y vuelva a exportar.",
            "A cell starts with a quote (\") that should not be there, for example \"\"Lo de Pepe\". To a CSV reader that quote opens a text that goes on over the next lines until the next quote, and swallows whole rows into one cell. Those rows are not published: every swallowed line counts as a row with an error (the detail says how many), and when the quote is never closed the whole file is rejected. Remove the quote from the data in your system (or export with texts in quotes) and export again.",
            "Uma célula começa com uma aspa (\") que não deveria estar ali, por exemplo «\"Lo de Pepe». Para um CSV essa aspa abre um texto que continua nas linhas seguintes até a próxima aspa, e engole registros inteiros em uma só célula. Esses registros não são publicados: cada linha engolida conta como um registro com erro (o detalhe diz quantas), e se a aspa nunca se fecha o arquivo inteiro é rejeitado. Remova a aspa do dado no sistema (ou exporte com os textos entre aspas) e exporte novamente.",
        ],
        Code::RequiredEmpty => [
            "La configuración dice que esta columna debe tener un dato en cada fila (columns = { X = { required = true } }), y en esta fila está vacía. Suele ser un registro cargado a medias en el sistema. Si la regla es un error, la fila no se publica; si es un aviso (severity = \"warning\"), se publica igual. Complete el dato en el sistema y vuelva a exportar.",
            "The configuration says this column must hold a value on every row (columns = { X = { required = true } }), and on this row it is empty. It is usually a record only half entered in the system. When the rule is an error, the row is not published; when it is a warning (severity = \"warning\"), it is published anyway. Fill in the value in your system and export again.",
            "A configuração diz que esta coluna deve ter um dado em cada registro (columns = { X = { required = true } }), e neste registro ela está vazia. Costuma ser um cadastro feito pela metade no sistema. Se a regra é um erro, o registro não é publicado; se é um aviso (severity = \"warning\"), é publicado assim mesmo. Preencha o dado no sistema e exporte novamente.",
        ],
        Code::DuplicateValue => [
            "La configuración dice que en esta columna ningún valor puede repetirse (columns = { X = { unique = true } }), por ejemplo el CUIT o el documento de un cliente, y este valor ya apareció en otra fila (el detalle dice cuál). Suele ser el mismo cliente cargado dos veces con códigos distintos. La primera fila se publica; si la regla es un error, esta no. Unifique los registros en el sistema y vuelva a exportar.",
            "The configuration says no value may repeat in this column (columns = { X = { unique = true } }), for example a client's tax ID, and this value already appeared on another row (the detail says which). It is usually the same client entered twice under different codes. The first row is published; when the rule is an error, this one is not. Merge the records in your system and export again.",
            "A configuração diz que nenhum valor pode se repetir nesta coluna (columns = { X = { unique = true } }), por exemplo o CPF ou o CNPJ de um cliente, e este valor já apareceu em outro registro (o detalhe diz qual). Costuma ser o mesmo cliente cadastrado duas vezes com códigos diferentes. O primeiro registro é publicado; se a regra é um erro, este não. Unifique os cadastros no sistema e exporte novamente.",
        ],
        Code::InvalidFormat => [
            "El valor no tiene el formato que la configuración pide para esta columna (columns = { X = { format = \"...\" } }; el detalle dice cuál): un CUIT, NIF, CPF o CNPJ con el dígito verificador equivocado, un correo sin @, una fecha que no existe o escrita de otra forma, un número con otros separadores. Si la regla es un error, la fila no se publica; si es un aviso, se publica igual. Corrija el dato en el sistema y vuelva a exportar.",
            "The value does not have the format the configuration asks of this column (columns = { X = { format = \"...\" } }; the detail says which): a CUIT, NIF, CPF or CNPJ with the wrong check digit, an e-mail without an @, a date that does not exist or is written another way, a number with other separators. When the rule is an error, the row is not published; when it is a warning, it is published anyway. Fix the value in your system and export again.",
            "O valor não tem o formato que a configuração pede para esta coluna (columns = { X = { format = \"...\" } }; o detalhe diz qual): um CPF, CNPJ, CUIT ou NIF com o dígito verificador errado, um e-mail sem @, uma data que não existe ou escrita de outro jeito, um número com outros separadores. Se a regra é um erro, o registro não é publicado; se é um aviso, é publicado assim mesmo. Corrija o dado no sistema e exporte novamente.",
        ],
    }
}

/// "issues: Duplicate ID (2), Missing ID (1)": each code's title and count.
pub fn counts_text<'a>(counts: impl IntoIterator<Item = (&'a str, u64)>, lang: Lang) -> String {
    let list: Vec<String> = counts
        .into_iter()
        .map(|(code, n)| {
            format!(
                "{} ({})",
                crate::i18n::printable(code_title(lang, code)),
                lang.number(n)
            )
        })
        .collect();
    lang.format(Text::CliIssues, &[("list", &list.join(", "))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_issue_code_has_a_title_and_an_explanation_in_all_three_languages() {
        for code in Code::ALL {
            for lang in Lang::ALL {
                assert!(!code.title(lang).is_empty(), "{code:?} {lang:?}");
                let explanation = code.explanation(lang);
                assert!(explanation.len() > 40, "{code:?} {lang:?}: {explanation}");
            }
            // The three are real translations, not copies.
            let [es, en, pt] = explanation(code);
            assert!(es != en && en != pt && es != pt, "{code:?}");
        }
        assert_eq!(
            Code::from_name("duplicate-id"),
            Some(Code::DuplicateId),
            "codes are looked up by their report name"
        );
        assert_eq!(Code::from_name("unreadable"), Some(Code::Unreadable));
        assert_eq!(Code::from_name("no-such-code"), None);
    }
}
