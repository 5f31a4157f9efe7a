//! A long body is put on screen in portions (`rich::portions`): every block exactly once, in
//! order, each portion within its budget unless one block alone is larger.

use gongkai_feed::rich::{portions, BLOCK_COST};
use gongkai_feed::{Block, Inlines};

fn paragraph(bytes: usize) -> Block {
    Block::Paragraph {
        text: Inlines::text("a".repeat(bytes)),
    }
}

#[test]
fn a_short_body_is_one_portion() {
    let blocks = vec![paragraph(100), paragraph(200)];
    assert_eq!(portions(&blocks, 1000), vec![0..2]);
}

#[test]
fn an_empty_body_has_no_portions() {
    assert!(portions(&[], 1000).is_empty());
}

#[test]
fn portions_cover_every_block_in_order_within_the_budget() {
    let blocks: Vec<Block> = (0..50).map(|i| paragraph(40 + (i * 37) % 300)).collect();
    let parts = portions(&blocks, 1000);
    assert!(parts.len() > 1, "{parts:?}");
    let mut next = 0;
    for part in &parts {
        assert_eq!(part.start, next, "portions are consecutive: {parts:?}");
        assert!(part.end > part.start, "no empty portion: {parts:?}");
        let text: usize = blocks[part.clone()].iter().map(|b| b.text_len()).sum();
        assert!(text <= 1000, "{part:?} holds {text} bytes");
        next = part.end;
    }
    assert_eq!(next, blocks.len());
}

#[test]
fn a_block_larger_than_the_budget_is_a_portion_of_its_own() {
    let blocks = vec![paragraph(10), paragraph(5000), paragraph(10)];
    assert_eq!(portions(&blocks, 1000), vec![0..1, 1..2, 2..3]);
}

#[test]
fn empty_blocks_still_count_for_the_elements_they_make() {
    let blocks: Vec<Block> = (0..10).map(|_| paragraph(0)).collect();
    assert_eq!(portions(&blocks, BLOCK_COST * 4).len(), 3);
}

#[test]
fn text_length_counts_table_cells_list_items_and_captions() {
    let cell = || Inlines::text("四个汉字");
    let table = Block::Table {
        caption: Some(gongkai_feed::LocalText::new("表".to_string())),
        header: vec![cell()],
        rows: vec![vec![cell(), cell()]],
    };
    assert_eq!(table.text_len(), 3 + 3 * 12);
    let list = Block::List {
        ordered: false,
        items: vec![cell(), cell()],
    };
    assert_eq!(list.text_len(), 24);
}
