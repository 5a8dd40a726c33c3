/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// Shows where a value was read: when a field of the bill or expense gets the focus (or a click), its box
// (record field ocr_box_data: {field: [{page, box: [x, y, w, h], value, confidence, label}]},
// fractions of the page) is drawn on the document preview, an image or the PDF viewer, with
// what was read there and how sure the reading was.
import { Component, onMounted, onWillUnmount } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

const BOX_CLASS = "o_ocr_box";
const BOX_STYLE =
    "position:absolute;border:2px solid #e8a317;background:rgba(255,193,7,.22);" +
    "pointer-events:none;z-index:5;box-sizing:border-box;";
const TAG_STYLE =
    "position:absolute;left:0;bottom:100%;white-space:nowrap;font:12px sans-serif;" +
    "background:#e8a317;color:#fff;padding:1px 4px;border-radius:2px 2px 0 0;";

function boxElement(doc, read, left, top, width, height) {
    const el = doc.createElement("div");
    el.className = BOX_CLASS;
    el.dataset.field = read.field;
    el.setAttribute("style", `${BOX_STYLE}left:${left};top:${top};width:${width};height:${height};`);
    const tag = doc.createElement("span");
    tag.setAttribute("style", TAG_STYLE);
    tag.textContent = `${read.label}: ${read.value} (${read.confidence} %)`;
    el.appendChild(tag);
    return el;
}

export class OcrBoxHighlight extends Component {
    static template = "ocr_worker.OcrBoxHighlight";
    static props = { ...standardWidgetProps };

    setup() {
        this.onFocus = (ev) => this.highlight(ev.target);
        // focus by keyboard, or a click on a field (a click does not focus in a window without focus)
        onMounted(() => {
            document.addEventListener("focusin", this.onFocus);
            document.addEventListener("click", this.onFocus);
        });
        onWillUnmount(() => {
            document.removeEventListener("focusin", this.onFocus);
            document.removeEventListener("click", this.onFocus);
            this.clear();
        });
    }

    previewDocuments() {
        const preview = document.querySelector(".o_attachment_preview");
        if (!preview) {
            return { preview: null, pdf: null };
        }
        const iframe = preview.querySelector("iframe");
        let pdf = null;
        try {
            pdf = iframe ? iframe.contentDocument : null;
        } catch {
            pdf = null; // a viewer from another origin: nothing to draw on
        }
        return { preview, pdf };
    }

    clear() {
        const { preview, pdf } = this.previewDocuments();
        for (const root of [preview, pdf]) {
            root?.querySelectorAll(`.${BOX_CLASS}`).forEach((el) => el.remove());
        }
    }

    highlight(target) {
        const fieldEl = target.closest && target.closest(".o_form_view .o_field_widget[name]");
        if (!fieldEl || fieldEl.closest(".modal")) {
            return;
        }
        const name = fieldEl.getAttribute("name");
        const boxes = (this.props.record.data.ocr_box_data || {})[name];
        this.clear();
        if (!boxes || !boxes.length) {
            return;
        }
        const { preview, pdf } = this.previewDocuments();
        if (!preview) {
            return;
        }
        for (const read of boxes) {
            const [x, y, w, h] = read.box;
            const item = { ...read, field: name };
            const img = preview.querySelector(".o-mail-Attachment-imgContainer img");
            if (img && img.offsetWidth) {
                const container = img.parentElement;
                container.style.position = "relative";
                const px = (v, size, offset) => `${offset + v * size}px`;
                container.appendChild(
                    boxElement(document, item,
                        px(x, img.offsetWidth, img.offsetLeft), px(y, img.offsetHeight, img.offsetTop),
                        px(w, img.offsetWidth, 0), px(h, img.offsetHeight, 0))
                );
                continue;
            }
            const page = pdf && pdf.querySelector(`.page[data-page-number="${read.page}"]`);
            if (page) {
                const pct = (v) => `${v * 100}%`;
                const el = boxElement(pdf, item, pct(x), pct(y), pct(w), pct(h));
                page.appendChild(el);
                el.scrollIntoView({ block: "center" });
            }
        }
    }
}

registry.category("view_widgets").add("ocr_box_highlight", { component: OcrBoxHighlight });
