/** @odoo-module */
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// What an accountant does with OCR in the browser, run by tests/test_tours.py (HttpCase.start_tour)
// as the demo accountant. The worker's part (reading the file) happens between the tours, in Python,
// through the same job API a worker calls.
import { registry } from "@web/core/registry";

function inputValue(selector) {
    const input = [...document.querySelectorAll(selector)].find((el) => el.offsetParent !== null);
    if (!input) {
        throw new Error(`no input ${selector}`);
    }
    return input.value;
}

function expectInput(selector, expected) {
    const value = inputValue(selector);
    if (!value.includes(expected)) {
        console.error(`${selector}: expected "${expected}", found "${value}"`);
        throw new Error(`${selector}: expected "${expected}", found "${value}"`);
    }
}

registry.category("web_tour.tours").add("ocr_worker_digitize", {
    test: true,
    steps: () => [
        {
            content: "Send the attached file to OCR",
            trigger: ".o_form_view button[name='action_ocr_digitize']",
        },
        {
            content: "The bill says it is queued, in words",
            trigger: ".o_ocr_banner:contains('Queued for OCR')",
            isCheck: true,
        },
    ],
});

registry.category("web_tour.tours").add("ocr_worker_review", {
    test: true,
    steps: () => [
        {
            content: "The banner asks for a review: heading first, then the reasons",
            trigger: ".o_ocr_banner:contains('Please review the values read by OCR') li:contains('Not written')",
            isCheck: true,
        },
        {
            content: "The date was read but not written: it is offered with its confidence",
            trigger: ".o_ocr_suggestions tr.o_data_row:contains('Date'):contains('55')",
            isCheck: true,
        },
        {
            content: "Apply the date",
            trigger: ".o_ocr_suggestions tr.o_data_row:contains('Date') button[name='action_apply']",
        },
        {
            content: "The date is gone from the suggestions",
            trigger: ".o_ocr_suggestions:not(:has(tr.o_data_row:contains('Date')))",
            isCheck: true,
        },
        {
            content: "The bill date is filled in",
            trigger: "div[name='invoice_date'] input",
            run: () => expectInput("div[name='invoice_date'] input", "2024"),
        },
        {
            content: "Apply the rest: the vendor and the total",
            trigger: ".o_ocr_suggestions button[name='action_ocr_apply_all']",
        },
        {
            content: "The vendor is set",
            trigger: "div[name='partner_id'] input",
            extra_trigger: ".o_form_view:not(:has(.o_ocr_suggestions:visible))",
            run: () => expectInput("div[name='partner_id'] input", "Papeterie"),
        },
        {
            content: "Confirm the bill",
            trigger: ".o_form_view button[name='action_post']",
        },
        {
            content: "The review is closed, and by whom",
            trigger: ".o_ocr_banner:contains('OCR review closed by'):contains('Bill confirmed')",
            extra_trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Posted')",
            isCheck: true,
        },
    ],
});

registry.category("web_tour.tours").add("ocr_worker_create_vendor", {
    test: true,
    steps: () => [
        {
            content: "The vendor read is not in Odoo: offered for creation",
            trigger: ".o_ocr_suggestions tr.o_data_row:contains('Papeterie') button[name='action_create_vendor']",
        },
        {
            content: "A vendor form opens, filled in from the document, to check and save",
            // (a step's trigger is looked for inside the open dialog)
            trigger: "div[name='vat'] input",
            run: () => expectInput(".modal h1 textarea, .modal h1 input", "Papeterie Lumière SARL"),
        },
        {
            content: "The VAT number read is there too",
            trigger: "div[name='vat'] input",
            run: () => expectInput(".modal div[name='vat'] input", "FR40303265045"),
        },
        {
            content: "And the address read from the vendor's letterhead",
            trigger: "div[name='street'] input",
            run: () => {
                expectInput(".modal div[name='street'] input", "12 rue des Lilas");
                expectInput(".modal div[name='zip'] input", "69002");
                expectInput(".modal div[name='city'] input", "Lyon");
                expectInput(".modal div[name='country_id'] input", "France");
            },
        },
        {
            content: "Save the vendor",
            trigger: ".o_form_button_save",
        },
        {
            content: "The new vendor is on the bill",
            trigger: "div[name='partner_id'] input",
            extra_trigger: "body:not(:has(.modal))",
            run: () => expectInput("div[name='partner_id'] input", "Papeterie Lumière SARL"),
        },
    ],
});

registry.category("web_tour.tours").add("ocr_worker_box", {
    test: true,
    steps: () => [
        {
            content: "The scan is shown next to the bill",
            trigger: ".o_attachment_preview .o-mail-Attachment-imgContainer img",
            isCheck: true,
        },
        {
            content: "Put the cursor in the bill reference",
            trigger: "div[name='ref'] input",
            run: "click",
        },
        {
            content: "Its box is drawn on the scan, with what was read and how sure",
            trigger: ".o_attachment_preview .o_ocr_box[data-field='ref']:contains('F-2024-118'):contains('97 %')",
            isCheck: true,
        },
        {
            content: "Move to the bill date: its own box replaces the first",
            trigger: "div[name='invoice_date'] input",
            run: "click",
        },
        {
            content: "The date's box, and only it",
            trigger: ".o_attachment_preview .o_ocr_box[data-field='invoice_date']",
            extra_trigger: ".o_attachment_preview:not(:has(.o_ocr_box[data-field='ref']))",
            isCheck: true,
        },
        {
            content: "The runner-up date is boxed too, dashed, where it is printed",
            trigger: ".o_attachment_preview .o_ocr_box_alternative[data-field='invoice_date']:contains('2024-05-30')",
            isCheck: true,
        },
        {
            content: "The date read was the wrong one: choose the other value read",
            trigger: ".o_attachment_preview .o_ocr_alternatives button.o_ocr_alternative:contains('2024-05-30')",
        },
        {
            content: "The bill date is the one chosen",
            trigger: "div[name='invoice_date'] input",
            extra_trigger: ".o_attachment_preview:not(:has(.o_ocr_box))",
            run: () => expectInput("div[name='invoice_date'] input", "05/30/2024"),
        },
    ],
});
