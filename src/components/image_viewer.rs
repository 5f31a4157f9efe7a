//! A long image (长图) in an interpretation: a preview of limited height and a full-screen viewer
//! that zooms and pans by pinch and drag (touch), wheel and drag (mouse), keys (`+` `-` `0` and
//! arrows) and buttons.
//!
//! The viewer is a native modal `<dialog>`: the page behind is inert, Escape closes it, and focus
//! goes back to the button that opened it. The image's transform is `translate(x, y) scale(s)`
//! around its top-left corner, computed from [`View`] and [`Stage`] below.

use crate::components::rich_text::FeedImage;
use crate::platform::dialog::{close_modal, focus, open_modal};
use crate::platform::gestures::{
    capture_pointer, element_size, image_failed, key_of, mouse_at, pointer_at, prevent_default,
    wheel_zoom_factor, PointerAt,
};
use crate::state::prefs::{use_lang, use_strings};
use gongkai_feed::Image;
use leptos::html;
use leptos::prelude::*;

/// The largest zoom, relative to the image fitted to the stage's width.
const MAX_SCALE: f64 = 6.0;
/// Fitted to the stage's width, an image is never drawn wider than this (CSS px), so a long
/// image on a landscape screen does not start absurdly large.
const MAX_BASE_WIDTH: f64 = 960.0;
/// One press of a zoom button or key.
const ZOOM_STEP: f64 = 1.25;
/// One press of an arrow key, in CSS px.
const PAN_STEP: f64 = 60.0;

/// Where the image is: scale `s` and the top-left corner at (`x`, `y`) in stage pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
struct View {
    s: f64,
    x: f64,
    y: f64,
}

/// The stage's size and the image's size at scale 1 (fitted to the stage's width).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Stage {
    w: f64,
    h: f64,
    base_w: f64,
    base_h: f64,
}

impl Stage {
    fn new(w: f64, h: f64, image_w: u32, image_h: u32) -> Stage {
        let w = w.max(1.0);
        let h = h.max(1.0);
        let base_w = w.min(MAX_BASE_WIDTH);
        let ratio = image_h.max(1) as f64 / image_w.max(1) as f64;
        Stage {
            w,
            h,
            base_w,
            base_h: base_w * ratio,
        }
    }

    /// Zooming out stops when the whole image fits on the stage (never above 1).
    fn min_scale(&self) -> f64 {
        (self.h / self.base_h).min(1.0)
    }

    /// `v` with the scale in range and the image kept on the stage: centred along an axis where
    /// it is smaller than the stage, otherwise with no empty gap at either edge.
    fn clamp(&self, v: View) -> View {
        let s = v.s.clamp(self.min_scale(), MAX_SCALE);
        let fit = |pos: f64, size: f64, room: f64| {
            if size <= room {
                (room - size) / 2.0
            } else {
                pos.clamp(room - size, 0.0)
            }
        };
        View {
            s,
            x: fit(v.x, self.base_w * s, self.w),
            y: fit(v.y, self.base_h * s, self.h),
        }
    }

    /// Fitted to the width, showing the top.
    fn initial(&self) -> View {
        self.clamp(View {
            s: 1.0,
            x: 0.0,
            y: 0.0,
        })
    }

    /// Zoom by `factor` keeping the image point under (`px`, `py`) where it is.
    fn zoom_at(&self, v: View, factor: f64, px: f64, py: f64) -> View {
        if !factor.is_finite() || factor <= 0.0 {
            return v;
        }
        let s = (v.s * factor).clamp(self.min_scale(), MAX_SCALE);
        let f = s / v.s;
        self.clamp(View {
            s,
            x: px - (px - v.x) * f,
            y: py - (py - v.y) * f,
        })
    }

    fn zoom_centre(&self, v: View, factor: f64) -> View {
        self.zoom_at(v, factor, self.w / 2.0, self.h / 2.0)
    }

    fn pan(&self, v: View, dx: f64, dy: f64) -> View {
        self.clamp(View {
            s: v.s,
            x: v.x + dx,
            y: v.y + dy,
        })
    }
}

fn distance(a: PointerAt, b: PointerAt) -> f64 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

fn midpoint(a: PointerAt, b: PointerAt) -> (f64, f64) {
    ((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)
}

/// - `image`: the long image (see `Image::is_long`).
/// - `id`: a page-unique id for the viewer's title.
#[component]
pub fn LongImage(image: Image, id: String) -> impl IntoView {
    let t = use_strings();
    let lang = use_lang();
    let l = lang.get_untracked();
    let (open, set_open) = signal(false);
    let (broken, set_broken) = signal(false);
    let (error, set_error) = signal(None::<String>);
    let (img_w, img_h) = (image.width, image.height);
    let stage = RwSignal::new(Stage::new(1.0, 1.0, img_w, img_h));
    let view_at = RwSignal::new(View {
        s: 1.0,
        x: 0.0,
        y: 0.0,
    });
    let pointers = StoredValue::new(Vec::<PointerAt>::new());
    let dialog_ref = NodeRef::<html::Dialog>::new();
    let stage_ref = NodeRef::<html::Div>::new();
    let opener_ref = NodeRef::<html::Button>::new();
    let last_ref = NodeRef::<html::Button>::new();
    let close_ref = NodeRef::<html::Button>::new();
    let image_ref = NodeRef::<html::Img>::new();
    Effect::new(move |_| {
        if let Some(img) = image_ref.get() {
            if image_failed(&img) {
                set_broken.set(true);
            }
        }
    });

    let measure = move || {
        if let Some(el) = stage_ref.get_untracked() {
            let (w, h) = element_size(&el);
            stage.set(Stage::new(w, h, img_w, img_h));
        }
    };
    let apply = move |f: &dyn Fn(&Stage, View) -> View| {
        let s = stage.get_untracked();
        view_at.update(|v| *v = f(&s, *v));
    };

    let open_viewer = move |_| {
        let Some(dialog) = dialog_ref.get_untracked() else {
            return;
        };
        match open_modal(&dialog) {
            Ok(()) => {
                set_error.set(None);
                set_open.set(true);
                measure();
                view_at.set(stage.get_untracked().initial());
                if let Some(b) = close_ref.get_untracked() {
                    focus(&b);
                }
            }
            Err(e) => set_error.set(Some(e.to_string())),
        }
    };
    let close_viewer = move || {
        if let Some(dialog) = dialog_ref.get_untracked() {
            close_modal(&dialog);
        }
    };
    // Every way of closing (button, Escape, the browser) ends here.
    let on_closed = move |_| {
        set_open.set(false);
        pointers.set_value(Vec::new());
        if let Some(b) = opener_ref.get_untracked() {
            focus(&b);
        }
    };

    let resize = window_event_listener(leptos::ev::resize, move |_| {
        if open.get_untracked() {
            measure();
            apply(&|s, v| s.clamp(v));
        }
    });
    on_cleanup(move || resize.remove());

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let (key, _) = key_of(&ev);
        match key.as_str() {
            "+" | "=" => apply(&|s, v| s.zoom_centre(v, ZOOM_STEP)),
            "-" | "_" => apply(&|s, v| s.zoom_centre(v, 1.0 / ZOOM_STEP)),
            "0" => apply(&|s, _| s.initial()),
            "ArrowLeft" => apply(&|s, v| s.pan(v, PAN_STEP, 0.0)),
            "ArrowRight" => apply(&|s, v| s.pan(v, -PAN_STEP, 0.0)),
            "ArrowUp" => apply(&|s, v| s.pan(v, 0.0, PAN_STEP)),
            "ArrowDown" => apply(&|s, v| s.pan(v, 0.0, -PAN_STEP)),
            _ => return,
        }
        prevent_default(&ev);
    };
    // Focus stays inside the viewer: Tab from the last control (reset) wraps to the first
    // (close), Shift+Tab from the first to the last.
    let wrap_forward = move |ev: leptos::ev::KeyboardEvent| {
        if key_of(&ev) == ("Tab".to_string(), false) {
            if let Some(b) = close_ref.get_untracked() {
                prevent_default(&ev);
                focus(&b);
            }
        }
    };
    let wrap_backward = move |ev: leptos::ev::KeyboardEvent| {
        if key_of(&ev) == ("Tab".to_string(), true) {
            if let Some(b) = last_ref.get_untracked() {
                prevent_default(&ev);
                focus(&b);
            }
        }
    };

    let on_pointer_down = move |ev: leptos::ev::PointerEvent| {
        capture_pointer(&ev);
        let p = pointer_at(&ev);
        pointers.update_value(|ps| {
            ps.retain(|q| q.id != p.id);
            if ps.len() < 2 {
                ps.push(p);
            }
        });
    };
    let on_pointer_move = move |ev: leptos::ev::PointerEvent| {
        let p = pointer_at(&ev);
        let mut ps = pointers.get_value();
        let Some(i) = ps.iter().position(|q| q.id == p.id) else {
            return;
        };
        let old = ps[i];
        if ps.len() == 1 {
            apply(&|s, v| s.pan(v, p.x - old.x, p.y - old.y));
        } else {
            // Two fingers: zoom by how much they spread, around where they are, and follow
            // their midpoint as it moves.
            let other = ps[1 - i];
            let before = distance(old, other);
            let after = distance(p, other);
            let (mx0, my0) = midpoint(old, other);
            let (mx1, my1) = midpoint(p, other);
            if before > 0.0 {
                apply(&|s, v| {
                    let v = s.zoom_at(v, after / before, mx1, my1);
                    s.pan(v, mx1 - mx0, my1 - my0)
                });
            }
        }
        ps[i] = p;
        pointers.set_value(ps);
    };
    let on_pointer_end = move |ev: leptos::ev::PointerEvent| {
        let id = pointer_at(&ev).id;
        pointers.update_value(|ps| ps.retain(|q| q.id != id));
    };
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        prevent_default(&ev);
        let factor = wheel_zoom_factor(&ev);
        let (x, y) = mouse_at(&ev);
        apply(&|s, v| s.zoom_at(v, factor, x, y));
    };
    let on_double = move |ev: leptos::ev::MouseEvent| {
        let (x, y) = mouse_at(&ev);
        apply(&|s, v| {
            if v.s > 1.5 {
                s.initial()
            } else {
                s.zoom_at(v, 2.0, x, y)
            }
        });
    };

    let title_id = format!("{id}-viewer-title");
    let dialog_label = title_id.clone();
    let caption = image.caption.as_ref().map(|c| c.get(l).to_string());
    let dialog_title = caption.clone();
    let alt = image.alt.get(l).to_string();
    let src = image.src.clone();
    let transform = move || {
        let v = view_at.get();
        format!("translate({:.1}px, {:.1}px) scale({:.3})", v.x, v.y, v.s)
    };
    let base_width = move || format!("{:.1}px", stage.get().base_w);
    let percent = move || format!("{}%", (view_at.get().s * 100.0).round());

    view! {
        <figure class="gk-panel gk-figure gk-longimg">
            <div class="gk-longimg__preview">
                <FeedImage image=image.clone()/>
                <div class="gk-longimg__fade">
                    <button type="button" class="gk-button gk-longimg__open" node_ref=opener_ref
                        aria-haspopup="dialog" on:click=open_viewer
                    >
                        <svg class="gk-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                            <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>
                        </svg>
                        {move || t.get().open_viewer}
                    </button>
                </div>
            </div>
            {caption.map(|c| view! { <figcaption>{c}</figcaption> })}
            {move || error.get().map(|e| view! { <p class="gk-alert gk-alert--error" role="alert">{e}</p> })}
        </figure>
        <dialog class="gk-viewer" node_ref=dialog_ref role="dialog" aria-modal="true"
            aria-labelledby=dialog_label on:close=on_closed on:keydown=on_key
        >
            <div class="gk-viewer__bar">
                <h2 id=title_id class="gk-viewer__title">
                    {move || dialog_title.clone().unwrap_or_else(|| t.get().open_viewer.to_string())}
                </h2>
                <button type="button" class="gk-viewer__button gk-viewer__button--close" node_ref=close_ref
                    aria-label=move || t.get().close on:keydown=wrap_backward
                    on:click=move |_| close_viewer()
                >
                    <span aria-hidden="true">"×"</span>
                </button>
            </div>
            <div class="gk-viewer__stage" node_ref=stage_ref
                on:pointerdown=on_pointer_down on:pointermove=on_pointer_move
                on:pointerup=on_pointer_end on:pointercancel=on_pointer_end
                on:wheel=on_wheel on:dblclick=on_double
            >
                {move || open.get().then(|| if broken.get() {
                    view! { <p class="gk-viewer__broken">{move || t.get().image_unavailable}</p> }.into_any()
                } else {
                    view! {
                        <img class="gk-viewer__image" node_ref=image_ref src=src.clone() alt=alt.clone()
                            width=img_w height=img_h draggable="false"
                            style:width=base_width style:transform=transform
                            on:error=move |_| set_broken.set(true)
                        />
                    }.into_any()
                })}
            </div>
            <div class="gk-viewer__tools">
                <button type="button" class="gk-viewer__button"
                    aria-label=move || t.get().zoom_out
                    on:click=move |_| apply(&|s, v| s.zoom_centre(v, 1.0 / ZOOM_STEP))
                >
                    <span aria-hidden="true">"−"</span>
                </button>
                <output class="gk-viewer__level" aria-live="polite">{percent}</output>
                <button type="button" class="gk-viewer__button"
                    aria-label=move || t.get().zoom_in
                    on:click=move |_| apply(&|s, v| s.zoom_centre(v, ZOOM_STEP))
                >
                    <span aria-hidden="true">"+"</span>
                </button>
                <button type="button" class="gk-viewer__button gk-viewer__button--text" node_ref=last_ref
                    on:keydown=wrap_forward on:click=move |_| apply(&|s, _| s.initial())
                >
                    {move || t.get().reset_zoom}
                </button>
            </div>
            <p class="gk-viewer__hint">{move || t.get().viewer_hint}</p>
        </dialog>
    }
}
