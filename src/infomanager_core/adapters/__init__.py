"""Edge code: adapters between the domain and the outside world (files, storage, formats)."""

__all__: list[str] = []
