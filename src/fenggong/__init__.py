"""fenggong (分工): answer questions about a county's key-task division plan."""

__version__ = "0.1.0"
