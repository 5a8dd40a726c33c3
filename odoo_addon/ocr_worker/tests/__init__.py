from . import test_access
from . import test_claim
from . import test_complete
from . import test_concurrency
from . import test_enqueue
from . import test_lease
from . import test_requeue
from . import test_settings
