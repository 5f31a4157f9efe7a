//! The feed as the app reads it: look-ups by id, back-links between documents, Q&A and
//! interpretations, gazette issue order, and the orderings lists are shown in.
//!
//! The app builds one [`Catalog`] at start-up, so construction does only linear work plus three
//! sorts, and never walks document bodies (those can be most of a 10,000-item feed); look-ups
//! afterwards are hash-map hits or precomputed lists.

use crate::hash::{map_with_capacity, IdMap};
use crate::model::{
    Agency, Document, Feed, GazetteIssue, GazetteSection, Interpretation, Panel, QaItem, Topic,
};
use crate::rich::{Block, Inline, Inlines, RichText};
use std::cmp::Reverse;

/// A feed with its indexes. Built once; read-only afterwards.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    feed: Feed,
    documents: IdMap<String, usize>,
    qa: IdMap<String, usize>,
    interpretations: IdMap<String, usize>,
    issues: IdMap<String, usize>,
    agencies: IdMap<String, usize>,
    topics: IdMap<String, usize>,
    /// Per document index: the Q&A items citing it, newest first.
    qa_citing: IdMap<usize, Vec<usize>>,
    /// Per document index: the interpretations citing it, newest first.
    interpretations_citing: IdMap<usize, Vec<usize>>,
    /// Per document index: the first issue carrying it.
    carried: IdMap<usize, Carried>,
    /// Per issue: its documents in printed order, across sections.
    issue_order: Vec<Vec<usize>>,
    documents_newest: Vec<usize>,
    qa_newest: Vec<usize>,
    interpretations_newest: Vec<usize>,
    /// Position of each interpretation in `interpretations_newest`.
    interpretation_rank: Vec<usize>,
}

#[derive(Debug, Clone, Copy)]
struct Carried {
    issue: usize,
    section: usize,
    /// Position in `issue_order[issue]`.
    position: usize,
}

/// One heading of a rich-text body, for the 目录 outline and section anchors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineEntry {
    /// Index of the heading in the body's blocks.
    pub block_index: usize,
    /// 1–6 (out-of-range levels in an unvalidated feed are clamped).
    pub level: u8,
    /// The heading's `id`, or `s-<n>` for the n-th heading (1-based) when it has none. Stable as
    /// long as headings are not inserted before it, so links to sections keep working.
    pub anchor: String,
    /// Plain zh-Hans text of the heading.
    pub text: String,
}

/// The outline of a body: every heading, in order, with its anchor.
pub fn outline(body: &RichText) -> Vec<OutlineEntry> {
    body.iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Heading { level, text, id } => Some((i, *level, text, id)),
            _ => None,
        })
        .enumerate()
        .map(|(n, (block_index, level, text, id))| OutlineEntry {
            block_index,
            level: level.clamp(1, 6),
            anchor: id.clone().unwrap_or_else(|| format!("s-{}", n + 1)),
            text: text.plain(),
        })
        .collect()
}

/// The ids of documents that `ref` inlines in `body` point to, in order, repeats included.
pub fn document_refs(body: &RichText) -> Vec<&str> {
    let mut out = Vec::new();
    for block in body {
        match block {
            Block::Heading { text, .. } | Block::Paragraph { text } | Block::Quote { text, .. } => {
                refs_in(text, &mut out)
            }
            Block::List { items, .. } => items.iter().for_each(|i| refs_in(i, &mut out)),
            Block::Table { header, rows, .. } => header
                .iter()
                .chain(rows.iter().flatten())
                .for_each(|c| refs_in(c, &mut out)),
            Block::Image(_) => {}
        }
    }
    out
}

fn refs_in<'a>(text: &'a Inlines, out: &mut Vec<&'a str>) {
    for run in &text.0 {
        if let Inline::DocumentRef { document, .. } = run {
            out.push(document);
        }
    }
}

fn index_of<T>(items: &[T], id: impl Fn(&T) -> &str) -> IdMap<String, usize> {
    let mut map = map_with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        // The first of duplicate ids wins, as validation reports the later ones.
        map.entry(id(item).to_string()).or_insert(i);
    }
    map
}

/// Indices of `items` sorted by `key` descending; ties keep feed order.
fn newest_first<T>(items: &[T], key: impl Fn(&T) -> &str) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| key(&items[b]).cmp(key(&items[a])));
    order
}

impl Catalog {
    pub fn new(feed: Feed) -> Catalog {
        let documents = index_of(&feed.documents, |d| &d.id);
        let qa_newest = newest_first(&feed.qa, |q| &q.updated);
        let interpretations_newest = newest_first(&feed.interpretations, |x| &x.published);
        let mut interpretation_rank = vec![0; feed.interpretations.len()];
        for (rank, &i) in interpretations_newest.iter().enumerate() {
            interpretation_rank[i] = rank;
        }

        let mut qa_citing: IdMap<usize, Vec<usize>> = IdMap::default();
        for &qi in &qa_newest {
            let q = &feed.qa[qi];
            let cited = q
                .documents
                .iter()
                .map(String::as_str)
                .chain(document_refs(&q.answer));
            add_backlinks(&documents, cited, qi, &mut qa_citing);
        }
        let mut interpretations_citing: IdMap<usize, Vec<usize>> = IdMap::default();
        for &xi in &interpretations_newest {
            let x = &feed.interpretations[xi];
            let mut cited: Vec<&str> = x.documents.iter().map(String::as_str).collect();
            for panel in &x.panels {
                match panel {
                    Panel::Text { body } => cited.extend(document_refs(body)),
                    Panel::Audio(m) | Panel::Video(m) => cited.extend(document_refs(&m.transcript)),
                    Panel::Image(_) | Panel::Chart(_) => {}
                }
            }
            add_backlinks(
                &documents,
                cited.into_iter(),
                xi,
                &mut interpretations_citing,
            );
        }

        let mut carried = IdMap::default();
        let mut issue_order = Vec::with_capacity(feed.gazette.len());
        for (ii, issue) in feed.gazette.iter().enumerate() {
            let mut order = Vec::new();
            for (si, section) in issue.sections.iter().enumerate() {
                for id in &section.documents {
                    if let Some(&di) = documents.get(id) {
                        carried.entry(di).or_insert(Carried {
                            issue: ii,
                            section: si,
                            position: order.len(),
                        });
                        order.push(di);
                    }
                }
            }
            issue_order.push(order);
        }

        Catalog {
            documents,
            qa: index_of(&feed.qa, |q| &q.id),
            interpretations: index_of(&feed.interpretations, |x| &x.id),
            issues: index_of(&feed.gazette, |g| &g.id),
            agencies: index_of(&feed.agencies, |a| &a.id),
            topics: index_of(&feed.topics, |t| &t.id),
            qa_citing,
            interpretations_citing,
            carried,
            issue_order,
            documents_newest: newest_first(&feed.documents, |d| &d.issued),
            qa_newest,
            interpretations_newest,
            interpretation_rank,
            feed,
        }
    }

    pub fn feed(&self) -> &Feed {
        &self.feed
    }

    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.get(id).map(|&i| &self.feed.documents[i])
    }

    pub fn qa(&self, id: &str) -> Option<&QaItem> {
        self.qa.get(id).map(|&i| &self.feed.qa[i])
    }

    pub fn interpretation(&self, id: &str) -> Option<&Interpretation> {
        self.interpretations
            .get(id)
            .map(|&i| &self.feed.interpretations[i])
    }

    pub fn issue(&self, id: &str) -> Option<&GazetteIssue> {
        self.issues.get(id).map(|&i| &self.feed.gazette[i])
    }

    pub fn agency(&self, id: &str) -> Option<&Agency> {
        self.agencies.get(id).map(|&i| &self.feed.agencies[i])
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.get(id).map(|&i| &self.feed.topics[i])
    }

    /// Q&A items that list `doc_id` as their policy basis or point to it in their answer,
    /// newest first, each once.
    pub fn qa_citing(&self, doc_id: &str) -> Vec<&QaItem> {
        self.backlinks(doc_id, &self.qa_citing)
            .map(|i| &self.feed.qa[i])
            .collect()
    }

    /// Interpretations that list `doc_id` or point to it from a text panel or a transcript,
    /// newest first, each once.
    pub fn interpretations_citing(&self, doc_id: &str) -> Vec<&Interpretation> {
        self.backlinks(doc_id, &self.interpretations_citing)
            .map(|i| &self.feed.interpretations[i])
            .collect()
    }

    fn backlinks<'a>(
        &'a self,
        doc_id: &str,
        links: &'a IdMap<usize, Vec<usize>>,
    ) -> impl Iterator<Item = usize> + 'a {
        self.documents
            .get(doc_id)
            .and_then(|d| links.get(d))
            .into_iter()
            .flatten()
            .copied()
    }

    /// The gazette issue and section that print `doc_id` (the first, in feed order, when
    /// several do).
    pub fn issue_carrying(&self, doc_id: &str) -> Option<(&GazetteIssue, &GazetteSection)> {
        let c = self.carried_by(doc_id)?;
        let issue = &self.feed.gazette[c.issue];
        Some((issue, &issue.sections[c.section]))
    }

    /// The documents printed before and after `doc_id` in its issue, across section breaks.
    pub fn neighbours_in_issue(&self, doc_id: &str) -> (Option<&Document>, Option<&Document>) {
        let Some(c) = self.carried_by(doc_id) else {
            return (None, None);
        };
        let order = &self.issue_order[c.issue];
        let at = |p: Option<usize>| {
            p.and_then(|p| order.get(p))
                .map(|&d| &self.feed.documents[d])
        };
        (at(c.position.checked_sub(1)), at(c.position.checked_add(1)))
    }

    fn carried_by(&self, doc_id: &str) -> Option<Carried> {
        self.documents
            .get(doc_id)
            .and_then(|d| self.carried.get(d))
            .copied()
    }

    /// The documents of an issue in printed order, across sections (ids that resolve only).
    pub fn documents_in_issue(&self, issue_id: &str) -> Vec<&Document> {
        self.issues
            .get(issue_id)
            .map(|&i| {
                self.issue_order[i]
                    .iter()
                    .map(|&d| &self.feed.documents[d])
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Issues grouped by year, newest year first; within a year the newest issue first (by
    /// publication date, then number).
    pub fn issues_by_year(&self) -> Vec<(u16, Vec<&GazetteIssue>)> {
        let mut issues: Vec<&GazetteIssue> = self.feed.gazette.iter().collect();
        issues.sort_by(|a, b| {
            (b.year, &b.published, b.number).cmp(&(a.year, &a.published, a.number))
        });
        let mut groups: Vec<(u16, Vec<&GazetteIssue>)> = Vec::new();
        for issue in issues {
            match groups.last_mut() {
                Some((year, list)) if *year == issue.year => list.push(issue),
                _ => groups.push((issue.year, vec![issue])),
            }
        }
        groups
    }

    /// Q&A by `updated`, newest first.
    pub fn qa_newest_first(&self) -> Vec<&QaItem> {
        self.qa_newest.iter().map(|&i| &self.feed.qa[i]).collect()
    }

    /// Interpretations by `published`, newest first.
    pub fn interpretations_newest_first(&self) -> Vec<&Interpretation> {
        self.interpretations_newest
            .iter()
            .map(|&i| &self.feed.interpretations[i])
            .collect()
    }

    /// Documents by `issued`, newest first.
    pub fn documents_newest_first(&self) -> Vec<&Document> {
        self.documents_newest
            .iter()
            .map(|&i| &self.feed.documents[i])
            .collect()
    }

    /// Other Q&A items on the same topic or citing the same document: those sharing more first
    /// (a shared document counts more than a shared topic), then the newest.
    pub fn related_qa(&self, qa_id: &str) -> Vec<&QaItem> {
        let Some(&me) = self.qa.get(qa_id) else {
            return Vec::new();
        };
        let q = &self.feed.qa[me];
        let mut scored: Vec<(usize, usize)> = self
            .qa_newest
            .iter()
            .copied()
            .filter(|&i| i != me)
            .filter_map(|i| {
                let other = &self.feed.qa[i];
                let docs = shared(&q.documents, &other.documents);
                let topics = shared(&q.topics, &other.topics);
                let score = docs * 2 + topics;
                (score > 0).then_some((score, i))
            })
            .collect();
        // Stable: equal scores stay newest first.
        scored.sort_by_key(|&(score, _)| Reverse(score));
        scored.into_iter().map(|(_, i)| &self.feed.qa[i]).collect()
    }

    /// The interpretations before (newer) and after (older) `id` in newest-first order.
    pub fn interpretation_neighbours(
        &self,
        id: &str,
    ) -> (Option<&Interpretation>, Option<&Interpretation>) {
        let Some(&i) = self.interpretations.get(id) else {
            return (None, None);
        };
        let rank = self.interpretation_rank[i];
        let at = |r: Option<usize>| {
            r.and_then(|r| self.interpretations_newest.get(r))
                .map(|&x| &self.feed.interpretations[x])
        };
        (at(rank.checked_sub(1)), at(rank.checked_add(1)))
    }
}

fn add_backlinks<'a>(
    documents: &IdMap<String, usize>,
    cited: impl Iterator<Item = &'a str>,
    citer: usize,
    links: &mut IdMap<usize, Vec<usize>>,
) {
    for id in cited {
        if let Some(&d) = documents.get(id) {
            let list = links.entry(d).or_default();
            // Citers are added one at a time, so a repeat can only be the last one.
            if list.last() != Some(&citer) {
                list.push(citer);
            }
        }
    }
}

fn shared(a: &[String], b: &[String]) -> usize {
    a.iter().filter(|x| b.contains(x)).count()
}
