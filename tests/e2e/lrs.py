"""Runs ralph's learning record store (PyPI ralph-malph) for the browser tests.

ralph 5.1's file backend creates its one statements file on the first write and refuses every
later write ("already exists and overwrite is not allowed"); appending is its documented other
mode, so it is made the default here. Usage: python lrs.py PORT (RALPH_APP_DIR holds auth.json).
"""

import os
import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.data.fs import FSDataBackend

FSDataBackend.default_operation_type = BaseOperationType.APPEND
os.environ.setdefault("RALPH_RUNSERVER_BACKEND", "fs")
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
