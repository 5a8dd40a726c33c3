/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// Shows where a value was read: when a field of the bill or expense gets the focus (or a click), its box
// (record field ocr_box_data: {field: [{page, box: [x, y, w, h], value, confidence, label,
// alternatives: [{id, value, page, box}]}]}, fractions of the page) is drawn on the document preview,
// an image or the PDF viewer, with what was read there and how sure the reading was. The other values
// read for that field (the runner-up first) are offered next to it, each with its own dashed box:
// choosing one applies it (ocr.job.suggestion.action_apply), the accountant's correction.
import { Component, onMounted, onWillUnmount } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

const BOX_CLASS = "o_ocr_box";
const BOX_STYLE =
    "position:absolute;border:2px solid #e8a317;background:rgba(255,193,7,.22);" +
    "pointer-events:none;z-index:5;box-sizing:border-box;";
const TAG_STYLE =
    "position:absolute;left:0;bottom:100%;white-space:nowrap;font:12px sans-serif;" +
    "background:#e8a317;color:#fff;padding:1px 4px;border-radius:2px 2px 0 0;";

const OTHER_BOX_STYLE = "border-style:dashed;border-color:#6c757d;background:rgba(108,117,125,.12);";
const CHOICES_STYLE =
    "position:absolute;left:0;top:100%;white-space:nowrap;font:12px sans-serif;pointer-events:auto;" +
    "background:#fff;border:1px solid #e8a317;padding:2px 4px;border-radius:0 0 2px 2px;z-index:6;";
const CHOICE_STYLE = "margin-left:4px;padding:0 6px;font:12px sans-serif;cursor:pointer;";

function choiceButton(doc, alternative, onChoose) {
    const button = doc.createElement("button");
    button.type = "button";
    button.className = "o_ocr_alternative btn btn-sm btn-light";
    button.dataset.id = alternative.id;
    button.setAttribute("style", CHOICE_STYLE);
    button.textContent = alternative.value;
    button.title = _t("Use this value instead");
    button.addEventListener("click", (ev) => {
        ev.preventDefault();
        ev.stopPropagation();
        onChoose(alternative);
    });
    return button;
}

function boxElement(doc, read, left, top, width, height, onChoose) {
    const el = doc.createElement("div");
    el.className = BOX_CLASS;
    el.dataset.field = read.field;
    const other = read.isAlternative;
    el.setAttribute(
        "style",
        `${BOX_STYLE}${other ? OTHER_BOX_STYLE : ""}left:${left};top:${top};width:${width};height:${height};`
    );
    if (other) {
        el.classList.add("o_ocr_box_alternative");
        const tag = doc.createElement("span");
        tag.setAttribute("style", `${TAG_STYLE}background:#6c757d;pointer-events:auto;`);
        tag.appendChild(doc.createTextNode(_t("Also read:")));
        tag.appendChild(choiceButton(doc, read, onChoose));
        el.appendChild(tag);
        return el;
    }
    const tag = doc.createElement("span");
    tag.setAttribute("style", TAG_STYLE);
    tag.textContent = `${read.label}: ${read.value} (${read.confidence} %)`;
    el.appendChild(tag);
    if (read.alternatives && read.alternatives.length) {
        const choices = doc.createElement("div");
        choices.className = "o_ocr_alternatives";
        choices.setAttribute("style", CHOICES_STYLE);
        choices.appendChild(doc.createTextNode(_t("Other values read:")));
        for (const alternative of read.alternatives) {
            choices.appendChild(choiceButton(doc, alternative, onChoose));
        }
        el.appendChild(choices);
    }
    return el;
}

export class OcrBoxHighlight extends Component {
    static template = "ocr_worker.OcrBoxHighlight";
    static props = { ...standardWidgetProps };

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.onChoose = (alternative) => this.choose(alternative);
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

    /** Apply another value read for the field, as the user: saved first, then the form shows the result. */
    async choose(alternative) {
        const record = this.props.record;
        if (!(await record.save())) {
            return;
        }
        try {
            await this.orm.call("ocr.job.suggestion", "action_apply", [[alternative.id]]);
        } catch (error) {
            this.notification.add(error.data?.message || String(error), { type: "danger" });
            return;
        }
        this.clear();
        await record.load();
    }

    draw(preview, pdf, read, name) {
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
                    px(w, img.offsetWidth, 0), px(h, img.offsetHeight, 0), this.onChoose)
            );
            return;
        }
        const page = pdf && pdf.querySelector(`.page[data-page-number="${read.page}"]`);
        if (page) {
            const pct = (v) => `${v * 100}%`;
            const el = boxElement(pdf, item, pct(x), pct(y), pct(w), pct(h), this.onChoose);
            page.appendChild(el);
            if (!read.isAlternative) {
                el.scrollIntoView({ block: "center" });
            }
        }
    }

    highlight(target) {
        if (target.closest && target.closest(".o_ocr_alternatives, .o_ocr_box_alternative")) {
            return;
        }
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
            if (read.box) {
                this.draw(preview, pdf, read, name);
            }
            for (const alternative of read.alternatives || []) {
                if (alternative.box) {
                    this.draw(preview, pdf, { ...alternative, isAlternative: true }, name);
                }
            }
        }
    }
}

registry.category("view_widgets").add("ocr_box_highlight", { component: OcrBoxHighlight });
