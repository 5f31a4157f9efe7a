//! Which page chunks each lazily loaded route needs, so the start-up script can fetch a deep
//! link's page code while the main module downloads.
//!
//! Without this a deep link waits for two rounds of downloads: the main module, and only when it
//! runs and the router asks for the page, the page's chunks. On a slow network the second round
//! is most of the wait. The routes and the section each one's page is in come from `src/app.rs`
//! itself (the route table and its `lazy_page!` lines), and the chunks each section needs from the
//! splitter's own map, so neither is written down twice.

use std::collections::HashMap;

/// A route of `src/app.rs` whose page is split out: its path pattern and the `#[lazy]` section
/// function its page is in.
#[derive(Debug, PartialEq, Eq)]
pub struct LazyRoute {
    /// As written in `path!(…)`, e.g. `/documents/:id`.
    pub path: String,
    /// e.g. `gazette_pages`.
    pub section: String,
}

/// Every `<Route path=path!("…") view={Lazy::<T>::new()}/>` of the route table, with the
/// section `lazy_page!(T, section, …)` puts `T`'s page in.
pub fn lazy_routes(app_rs: &str) -> Result<Vec<LazyRoute>, String> {
    let mut sections = HashMap::new();
    let mut rest = app_rs;
    while let Some(at) = rest.find("lazy_page!(") {
        rest = &rest[at + "lazy_page!(".len()..];
        let args = &rest[..rest.find(')').unwrap_or(rest.len())];
        let parts: Vec<&str> = args.split(',').map(str::trim).collect();
        // The macro's own definition (`$route:ident, …`) is not a use of it.
        if parts.len() >= 2 && !parts[0].starts_with('$') {
            sections.insert(parts[0].to_string(), parts[1].to_string());
        }
    }
    let mut out = Vec::new();
    for line in app_rs.lines() {
        let Some(path) = between(line, "path!(\"", "\")") else {
            continue;
        };
        let Some(type_name) = between(line, "Lazy::<", ">") else {
            continue;
        };
        let section = sections.get(type_name.trim()).ok_or_else(|| {
            format!("src/app.rs routes {path} to {type_name}, which no lazy_page! defines")
        })?;
        out.push(LazyRoute {
            path: path.to_string(),
            section: section.clone(),
        });
    }
    Ok(out)
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let len = text[start..].find(close)?;
    Some(&text[start..start + len])
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
        let mut chunks = Vec::new();
        for (n, (split, stems)) in splits.iter().enumerate() {
            // A split point is named `<function>_<hash of where it is>`.
            if split.rsplit_once('_').map(|(name, _)| name) != Some(route.section.as_str()) {
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
                route.path, route.section
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
            "the split point {split} belongs to no lazy route of src/app.rs (one lazy_page! per \
             lazily loaded route)"
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
        macro_rules! lazy_page {
            ($route:ident, $section:ident, $preload:ident, $page:expr) => {};
        }
        lazy_page!(QaListRoute, qa_pages, __preload_qa_pages, Page::QaList);
        lazy_page!(
            QaDetailRoute,
            qa_pages,
            __preload_qa_pages,
            Page::QaDetail
        );
        lazy_page!(DocumentRoute, gazette_pages, __preload_gazette_pages, Page::Document);
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
    fn the_lazy_routes_and_their_sections_are_read_from_the_app_and_the_home_page_is_not() {
        let routes = lazy_routes(APP_RS).unwrap();
        let paths: Vec<(&str, &str)> = routes
            .iter()
            .map(|r| (r.path.as_str(), r.section.as_str()))
            .collect();
        assert_eq!(
            paths,
            [
                ("/qa", "qa_pages"),
                ("/qa/:id", "qa_pages"),
                ("/documents/:id", "gazette_pages")
            ]
        );
    }

    #[test]
    fn a_lazy_route_without_a_section_fails_the_build() {
        let app = APP_RS.replace("lazy_page!(DocumentRoute", "other!(DocumentRoute");
        let err = lazy_routes(&app).unwrap_err();
        assert!(
            err.contains("/documents/:id") && err.contains("DocumentRoute"),
            "{err}"
        );
    }

    #[test]
    fn each_route_gets_the_chunks_of_its_section_as_a_path_pattern() {
        let routes = lazy_routes(APP_RS).unwrap();
        let chunk_stems = stems(&["chunk_0", "chunk_1", "split_gazette_pages_9"]);
        let map = HashMap::from([
            ("qa_pages_9".to_string(), stems(&["chunk_0", "chunk_1"])),
            (
                "gazette_pages_9".to_string(),
                stems(&["chunk_1", "split_gazette_pages_9"]),
            ),
        ]);
        let table = route_chunks(&routes, &map, &chunk_stems).unwrap();
        assert_eq!(
            js_table(&table),
            r"[[/^qa$/,[0,1]],[/^qa\/[^/]+$/,[0,1]],[/^documents\/[^/]+$/,[1,2]]]"
        );
    }

    #[test]
    fn a_split_point_that_no_route_opens_fails_the_build() {
        let routes = lazy_routes(APP_RS).unwrap();
        let map = HashMap::from([
            ("qa_pages_9".to_string(), stems(&["chunk_0"])),
            ("gazette_pages_9".to_string(), stems(&["chunk_0"])),
            ("settings_pages_9".to_string(), stems(&["chunk_0"])),
        ]);
        let err = route_chunks(&routes, &map, &stems(&["chunk_0"])).unwrap_err();
        assert!(err.contains("settings_pages_9"), "{err}");
    }

    #[test]
    fn a_lazy_route_the_splitter_did_not_split_fails_the_build() {
        let routes = lazy_routes(APP_RS).unwrap();
        let map = HashMap::from([("qa_pages_9".to_string(), stems(&["chunk_0"]))]);
        let err = route_chunks(&routes, &map, &stems(&["chunk_0"])).unwrap_err();
        assert!(err.contains("/documents/:id"), "{err}");
    }

    #[test]
    fn the_patterns_match_what_the_router_matches() {
        assert_eq!(path_pattern("/qa"), "^qa$");
        assert_eq!(path_pattern("/gazette/:id"), r"^gazette\/[^/]+$");
    }
}
