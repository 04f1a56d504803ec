"""Edge code: storage, files and formats around the domain. Adapters import the domain; never the reverse."""

__all__: list[str] = []
