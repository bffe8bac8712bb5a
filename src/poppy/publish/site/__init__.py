"""The fact-check site of the press pack (``site/``): pages, interactive charts, downloads."""

from poppy.publish.site.pages import Publisher, site_files

__all__ = ["Publisher", "site_files"]
