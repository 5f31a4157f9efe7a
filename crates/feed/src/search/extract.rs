//! What gets indexed: every item of the feed as a list of text fields, each with a role.

use super::ItemKind;
use crate::model::{Feed, Image, Media, Panel};
use crate::rich::{Block, Inlines, RichText};
use crate::text::{Lang, LocalText};
use std::borrow::Cow;
use std::collections::HashMap;

/// What part of an item a field is; decides its weight in ranking and whether it can be a snippet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Title,
    /// 文号, the document number.
    Number,
    /// An interpretation's summary.
    Summary,
    Body,
    /// Looked up rather than written in the item (the issuing agency's name).
    Meta,
}

impl Role {
    /// How much one occurrence counts.
    #[inline(always)]
    pub fn weight(self) -> u32 {
        match self {
            Role::Title | Role::Number => 4,
            Role::Summary => 2,
            Role::Body | Role::Meta => 1,
        }
    }

    /// Matches here rank an item above items that match only in their text.
    #[inline(always)]
    pub fn is_heading(self) -> bool {
        matches!(self, Role::Title | Role::Number)
    }

    /// Text a snippet can be cut from.
    #[inline(always)]
    pub fn is_text(self) -> bool {
        matches!(self, Role::Summary | Role::Body)
    }
}

/// One item's searchable text, borrowed from the feed where it can be.
pub(crate) struct ItemSource<'a> {
    pub kind: ItemKind,
    pub id: &'a str,
    pub title: &'a str,
    /// 文号, for documents that have one.
    pub number: Option<&'a str>,
    pub agency: &'a str,
    pub date: &'a str,
    pub fields: Vec<(Role, Cow<'a, str>)>,
}

/// Every Q&A item, interpretation and document of `feed`, in that order.
pub(crate) fn items(feed: &Feed) -> Vec<ItemSource<'_>> {
    let agency_of_document: HashMap<&str, &str> = feed
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.agency.as_str()))
        .collect();
    let agency_name: HashMap<&str, &LocalText> = feed
        .agencies
        .iter()
        .map(|a| (a.id.as_str(), &a.name))
        .collect();
    let mut out =
        Vec::with_capacity(feed.qa.len() + feed.interpretations.len() + feed.documents.len());
    for qa in &feed.qa {
        let mut f = Fields::default();
        f.local(Role::Title, &qa.question);
        f.rich(Role::Body, &qa.answer);
        // A question has no agency of its own: it is answered by its policy basis.
        let agency = qa
            .documents
            .iter()
            .find_map(|d| agency_of_document.get(d.as_str()).copied())
            .unwrap_or("");
        out.push(ItemSource {
            kind: ItemKind::Qa,
            id: &qa.id,
            title: &qa.question.zh,
            number: None,
            agency,
            date: &qa.updated,
            fields: f.0,
        });
    }
    for it in &feed.interpretations {
        let mut f = Fields::default();
        f.local(Role::Title, &it.title);
        f.local(Role::Summary, &it.summary);
        if let Some(cover) = &it.cover {
            f.image(cover);
        }
        for panel in &it.panels {
            match panel {
                Panel::Image(image) => f.image(image),
                Panel::Text { body } => f.rich(Role::Body, body),
                Panel::Chart(chart) => {
                    f.local(Role::Body, &chart.title);
                    for label in chart
                        .labels
                        .iter()
                        .chain(&chart.x_label)
                        .chain(&chart.y_label)
                    {
                        f.local(Role::Body, label);
                    }
                    for series in &chart.series {
                        f.local(Role::Body, &series.name);
                    }
                }
                Panel::Audio(media) | Panel::Video(media) => f.media(media),
            }
        }
        out.push(ItemSource {
            kind: ItemKind::Interpretation,
            id: &it.id,
            title: &it.title.zh,
            number: None,
            agency: &it.agency,
            date: &it.published,
            fields: f.0,
        });
    }
    for doc in &feed.documents {
        let mut f = Fields::default();
        f.local(Role::Title, &doc.title);
        if let Some(number) = &doc.number {
            f.push(Role::Number, Cow::Borrowed(number));
        }
        if let Some(name) = agency_name.get(doc.agency.as_str()) {
            f.local(Role::Meta, name);
        }
        f.rich(Role::Body, &doc.body);
        out.push(ItemSource {
            kind: ItemKind::Document,
            id: &doc.id,
            title: &doc.title.zh,
            number: doc.number.as_deref(),
            agency: &doc.agency,
            date: &doc.issued,
            fields: f.0,
        });
    }
    out
}

#[derive(Default)]
struct Fields<'a>(Vec<(Role, Cow<'a, str>)>);

impl<'a> Fields<'a> {
    fn push(&mut self, role: Role, text: Cow<'a, str>) {
        if !text.trim().is_empty() {
            self.0.push((role, text));
        }
    }

    /// Every language of a localised text is searchable, each as its own field.
    fn local(&mut self, role: Role, text: &'a LocalText) {
        for s in text.all() {
            self.push(role, Cow::Borrowed(s));
        }
    }

    fn inlines(&mut self, role: Role, text: &Inlines) {
        self.push(role, Cow::Owned(text.plain()));
        for lang in [Lang::MnMong, Lang::En] {
            let mut translated = String::new();
            for run in &text.0 {
                let own = run.label().and_then(|l| match lang {
                    Lang::MnMong => l.mn.as_deref(),
                    _ => l.en.as_deref(),
                });
                if let Some(s) = own {
                    translated.push_str(s);
                }
            }
            self.push(role, Cow::Owned(translated));
        }
    }

    /// One field per paragraph, heading, list item and table cell: a match never runs from one
    /// into the next, and a snippet stays inside one of them.
    fn rich(&mut self, role: Role, body: &'a RichText) {
        for block in body {
            match block {
                Block::Heading { text, .. } | Block::Paragraph { text } => self.inlines(role, text),
                Block::List { items, .. } => {
                    for item in items {
                        self.inlines(role, item);
                    }
                }
                Block::Table {
                    caption,
                    header,
                    rows,
                } => {
                    if let Some(caption) = caption {
                        self.local(role, caption);
                    }
                    for cell in header.iter().chain(rows.iter().flatten()) {
                        self.inlines(role, cell);
                    }
                }
                Block::Quote { text, cite } => {
                    self.inlines(role, text);
                    if let Some(cite) = cite {
                        self.local(role, cite);
                    }
                }
                Block::Image(image) => self.image(image),
            }
        }
    }

    fn image(&mut self, image: &'a Image) {
        self.local(Role::Body, &image.alt);
        if let Some(caption) = &image.caption {
            self.local(Role::Body, caption);
        }
    }

    fn media(&mut self, media: &'a Media) {
        self.local(Role::Body, &media.title);
        self.rich(Role::Body, &media.transcript);
        if let Some(poster) = &media.poster {
            self.image(poster);
        }
    }
}
