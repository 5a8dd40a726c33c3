# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import ir_attachment
from . import ocr_job
from . import res_company
from . import stock_picking
