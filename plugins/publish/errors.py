class PublishError(Exception):
    """A production step cannot be done; the message names the file."""
