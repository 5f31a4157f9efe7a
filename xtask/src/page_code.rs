//! Which page chunks each lazily loaded route needs, so the start-up script can fetch a deep
//! link's page code while the main module downloads.
//!
//! Without this a deep link waits for two rounds of downloads: the main module, and only when it
//! runs and the router asks for the page, the page's chunks. On a slow network the second round
//! is most of the wait. The routes come from `src/app.rs` itself (the one route table), and the
//! chunks each one needs from the splitter's own map, so neither is written down twice.

use std::collections::HashMap;

/// A route of `src/app.rs` whose page is split out: its path pattern and its `LazyRoute` type.
#[derive(Debug, PartialEq, Eq)]
pub struct LazyRoute {
    /// As written in `path!(…)`, e.g. `/documents/:id`.
    pub path: String,
    /// e.g. `DocumentRoute`.
    pub type_name: String,
}

/// Every `<Route path=path!("…") view={Lazy::<T>::new()}/>` of the route table.
pub fn lazy_routes(app_rs: &str) -> Vec<LazyRoute> {
    let mut out = Vec::new();
    for line in app_rs.lines() {
        let Some(path) = between(line, "path!(\"", "\")") else {
            continue;
        };
        let Some(type_name) = between(line, "Lazy::<", ">") else {
            continue;
        };
        out.push(LazyRoute {
            path: path.to_string(),
            type_name: type_name.trim().to_string(),
        });
    }
    out
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let len = text[start..].find(close)?;
    Some(&text[start..start + len])
}

/// `DocumentRoute` → `document_route`: how the splitter names the route's split points.
fn snake_case(type_name: &str) -> String {
    let mut out = String::new();
    for (i, c) in type_name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A route path relative to the app's base, as the source of a JavaScript regular expression
/// literal (so `/` between segments is escaped): `/documents/:id` → `^documents\/[^/]+$`.
fn path_pattern(path: &str) -> String {
    let segments: Vec<String> = path
        .trim_start_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            if s.starts_with(':') {
                "[^/]+".to_string()
            } else {
                s.chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                            c.to_string()
                        } else {
                            format!("\\{c}")
                        }
                    })
                    .collect()
            }
        })
        .collect();
    format!("^{}$", segments.join("\\/"))
}

/// For each lazy route, the indices (into `chunk_stems`, the chunks in the order they are
/// numbered in `dist`) of the chunks its page needs, from the splitter's `prefetch_map`
/// (split point → file stems). Fails when the two disagree: a split point no route opens, or a
/// lazy route the splitter did not split, means this table would silently go stale.
pub fn route_chunks(
    routes: &[LazyRoute],
    prefetch_map: &HashMap<String, Vec<String>>,
    chunk_stems: &[String],
) -> Result<Vec<(String, Vec<usize>)>, String> {
    let index: HashMap<&str, usize> = chunk_stems
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let mut claimed = vec![false; prefetch_map.len()];
    let splits: Vec<(&String, &Vec<String>)> = {
        let mut v: Vec<_> = prefetch_map.iter().collect();
        v.sort();
        v
    };
    let mut out = Vec::new();
    for route in routes {
        let prefix = format!("__{}_", snake_case(&route.type_name));
        let mut chunks = Vec::new();
        for (n, (split, stems)) in splits.iter().enumerate() {
            if !split.starts_with(&prefix) {
                continue;
            }
            claimed[n] = true;
            for stem in stems.iter() {
                let i = *index.get(stem.as_str()).ok_or_else(|| {
                    format!("the splitter names a chunk {stem} for {split} that it did not write")
                })?;
                chunks.push(i);
            }
        }
        if chunks.is_empty() {
            return Err(format!(
                "src/app.rs routes {} to {}, but the splitter made no chunk for it",
                route.path, route.type_name
            ));
        }
        chunks.sort_unstable();
        chunks.dedup();
        out.push((path_pattern(&route.path), chunks));
    }
    if let Some((split, _)) = splits
        .iter()
        .zip(&claimed)
        .find(|(_, c)| !**c)
        .map(|(s, _)| s)
    {
        return Err(format!(
            "the split point {split} belongs to no lazy route of src/app.rs"
        ));
    }
    Ok(out)
}

/// The start-up script's table: `[[/^qa$/,[12,13]],…]`.
pub fn js_table(routes: &[(String, Vec<usize>)]) -> String {
    let rows: Vec<String> = routes
        .iter()
        .map(|(pattern, chunks)| {
            let list: Vec<String> = chunks.iter().map(usize::to_string).collect();
            format!("[/{pattern}/,[{}]]", list.join(","))
        })
        .collect();
    format!("[{}]", rows.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP_RS: &str = r#"
        <Routes fallback=pages::not_found::NotFoundPage>
            <Route path=path!("/") view=pages::home::HomePage/>
            <Route path=path!("/qa") view={Lazy::<QaListRoute>::new()}/>
            <Route path=path!("/qa/:id") view={Lazy::<QaDetailRoute>::new()}/>
            <Route path=path!("/documents/:id") view={Lazy::<DocumentRoute>::new()}/>
        </Routes>
    "#;

    fn stems(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_lazy_routes_are_read_from_the_route_table_and_the_eager_home_page_is_not() {
        let routes = lazy_routes(APP_RS);
        let paths: Vec<(&str, &str)> = routes
            .iter()
            .map(|r| (r.path.as_str(), r.type_name.as_str()))
            .collect();
        assert_eq!(
            paths,
            [
                ("/qa", "QaListRoute"),
                ("/qa/:id", "QaDetailRoute"),
                ("/documents/:id", "DocumentRoute")
            ]
        );
    }

    #[test]
    fn each_route_gets_the_chunks_of_its_split_points_as_a_path_pattern() {
        let routes = lazy_routes(APP_RS);
        let chunk_stems = stems(&["chunk_0", "chunk_1", "split___document_route_view_9"]);
        let map = HashMap::from([
            ("__qa_list_route_view_9".to_string(), stems(&["chunk_0"])),
            (
                "__qa_detail_route_view_9".to_string(),
                stems(&["chunk_0", "chunk_1"]),
            ),
            (
                "__document_route_view_9".to_string(),
                stems(&["chunk_1", "split___document_route_view_9"]),
            ),
        ]);
        let table = route_chunks(&routes, &map, &chunk_stems).unwrap();
        assert_eq!(
            js_table(&table),
            r"[[/^qa$/,[0]],[/^qa\/[^/]+$/,[0,1]],[/^documents\/[^/]+$/,[1,2]]]"
        );
    }

    #[test]
    fn a_split_point_that_no_route_opens_fails_the_build() {
        let routes = lazy_routes(APP_RS);
        let chunk_stems = stems(&["chunk_0"]);
        let mut map: HashMap<String, Vec<String>> = ["qa_list", "qa_detail", "document"]
            .iter()
            .map(|r| (format!("__{r}_route_view_9"), stems(&["chunk_0"])))
            .collect();
        map.insert("__settings_route_view_9".into(), stems(&["chunk_0"]));
        let err = route_chunks(&routes, &map, &chunk_stems).unwrap_err();
        assert!(err.contains("__settings_route_view_9"), "{err}");
    }

    #[test]
    fn a_lazy_route_the_splitter_did_not_split_fails_the_build() {
        let routes = lazy_routes(APP_RS);
        let map = HashMap::from([("__qa_list_route_view_9".to_string(), stems(&["chunk_0"]))]);
        let err = route_chunks(&routes, &map, &stems(&["chunk_0"])).unwrap_err();
        assert!(err.contains("/qa/:id"), "{err}");
    }

    #[test]
    fn the_patterns_match_what_the_router_matches() {
        assert_eq!(path_pattern("/qa"), "^qa$");
        assert_eq!(path_pattern("/gazette/:id"), r"^gazette\/[^/]+$");
        assert_eq!(
            snake_case("InterpretationListRoute"),
            "interpretation_list_route"
        );
    }
}
