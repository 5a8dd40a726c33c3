/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// Reloads an open bill or expense when its OCR job moves on (queued → read → reviewed),
// from the notification ocr.job sends on Odoo's bus. A form with unsaved changes is
// left alone: nothing someone is typing is ever thrown away.
import { registry } from "@web/core/registry";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";
import { Component, onMounted, onWillUnmount } from "@odoo/owl";

const JOB_UPDATE = "ocr_worker.job_update";

export class OcrLiveStatus extends Component {
    static template = "ocr_worker.OcrLiveStatus";
    static props = { ...standardWidgetProps };

    setup() {
        this.bus = this.env.services.bus_service;
        this.onNotifications = ({ detail }) => {
            for (const { type, payload } of detail || []) {
                if (type === JOB_UPDATE) {
                    this.refresh(payload);
                }
            }
        };
        onMounted(() => this.bus.addEventListener("notification", this.onNotifications));
        onWillUnmount(() => this.bus.removeEventListener("notification", this.onNotifications));
    }

    async refresh(payload) {
        const record = this.props.record;
        if (!payload || record.resModel !== payload.model || record.resId !== payload.id) {
            return;
        }
        if (await record.isDirty()) {
            return;
        }
        await record.load();
    }
}

registry.category("view_widgets").add("ocr_live_status", { component: OcrLiveStatus });
