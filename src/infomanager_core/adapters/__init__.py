"""Edge code: loaders, stores, exports and formatting that import the domain, never the other way round."""

__all__: list[str] = []
