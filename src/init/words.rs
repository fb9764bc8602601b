//! What column and entity names say: ID words (es, pt, en), measures that are never
//! references, and whether a column's words name an entity. Pure.

/// Words that make a column an identifier: `ID`, `COD`, `CODIGO`, `NRO`, `NUMERO`, `NUM`,
/// `CODE`, `NUMBER`, `NO`, ... (accents removed before comparing).
const ID_WORDS: [&str; 14] = [
    "id",
    "cod",
    "codigo",
    "code",
    "nro",
    "numero",
    "num",
    "number",
    "no",
    "nr",
    "n",
    "key",
    "clave",
    "identificador",
];

/// Words of columns that count or measure: their numbers fall inside an ID range by
/// coincidence, and they are never references.
const MEASURE_WORDS: [&str; 34] = [
    "anio",
    "ano",
    "year",
    "km",
    "kms",
    "kilometros",
    "kilometraje",
    "cantidad",
    "cant",
    "qty",
    "quantity",
    "importe",
    "monto",
    "precio",
    "total",
    "amount",
    "valor",
    "value",
    "fecha",
    "date",
    "edad",
    "age",
    "mes",
    "month",
    "dia",
    "day",
    "hora",
    "stock",
    "saldo",
    "peso",
    "porcentaje",
    "pct",
    "modelo",
    "cuotas",
];

/// A name's words: lowercased, accents removed, split on anything not a letter or digit.
pub fn words(name: &str) -> Vec<String> {
    let plain: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    plain.split_whitespace().map(str::to_string).collect()
}

/// True when `word` is an ID word.
pub fn is_id_word(word: &str) -> bool {
    ID_WORDS.contains(&word)
}

/// True when a column called `column` has an ID word (`COD_CLIENTE`, `ID_UNIDAD`, `NRO`).
pub fn has_id_word(column: &str) -> bool {
    words(column).iter().any(|w| is_id_word(w))
}

/// True when a column called `column` counts or measures (`ANIO`, `KM`, `CANTIDAD`).
pub fn is_measure(column: &str) -> bool {
    words(column)
        .iter()
        .any(|w| MEASURE_WORDS.contains(&w.as_str()))
}

/// True when two words are one, give or take a plural (`cliente`/`clientes`,
/// `sucursal`/`sucursales`, `unidad`/`unidades`).
pub fn same_word(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 3 && long.starts_with(short) && long.len() - short.len() <= 2
}

/// True when the words of `column` other than ID words name entity `entity`
/// (`COD_CLIENTE` → `clientes`, `ID_UNIDAD` → `unidades`).
pub fn names_entity(column: &str, entity: &str) -> bool {
    let rest: Vec<String> = words(column)
        .into_iter()
        .filter(|w| !is_id_word(w))
        .collect();
    let entity = words(entity);
    !rest.is_empty()
        && rest.len() == entity.len()
        && rest.iter().zip(&entity).all(|(a, b)| same_word(a, b))
}

/// How much a column's name says it is entity `entity`'s ID: 3 an ID word and the entity's
/// name (`ID_UNIDAD` in unidades), 2 an ID word alone (`ID`, `CODIGO`), 1 an ID word with
/// other words (`NRO_VENTA` in unidades), 0 no ID word.
pub fn id_name_score(column: &str, entity: &str) -> u8 {
    let all = words(column);
    if !all.iter().any(|w| is_id_word(w)) {
        return 0;
    }
    if all.iter().all(|w| is_id_word(w)) {
        2
    } else if names_entity(column, entity) {
        3
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_names_in_spanish_portuguese_and_english() {
        for (column, entity, score) in [
            ("ID_UNIDAD", "unidades", 3),
            ("COD_CLIENTE", "clientes", 3),
            ("Código Cliente", "clientes", 3),
            ("NRO_VENTA", "ventas", 3),
            ("ID", "x", 2),
            ("CÓDIGO", "x", 2),
            ("Número", "x", 2),
            ("customer_no", "clientes", 1),
            ("NRO_VENTA", "unidades", 1),
            ("NOMBRE", "clientes", 0),
            ("NOTA", "clientes", 0),
        ] {
            assert_eq!(id_name_score(column, entity), score, "{column} in {entity}");
        }
    }

    #[test]
    fn a_column_names_an_entity_give_or_take_a_plural() {
        assert!(names_entity("COD_CLIENTE", "clientes"));
        assert!(names_entity("cod_sucursal", "sucursales"));
        assert!(names_entity("ID_UNIDAD", "unidades"));
        assert!(!names_entity("COD_VENDEDOR", "usuarios"));
        assert!(!names_entity("CODIGO", "clientes"));
        assert!(!names_entity("COD_CLI", "clientes"), "too short to be sure");
    }

    #[test]
    fn measures_are_told_apart() {
        for column in ["ANIO", "Año", "KM", "CANTIDAD", "Importe Total", "year"] {
            assert!(is_measure(column), "{column}");
        }
        for column in ["COD_CLIENTE", "NOMBRE", "NRO_VENTA"] {
            assert!(!is_measure(column), "{column}");
        }
    }
}
