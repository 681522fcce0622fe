from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from lamtheo.ops.views import favicon, health
from lamtheo.org.views import home

admin.site.site_header = "lamtheo"
admin.site.site_title = "lamtheo"

urlpatterns = [
    path("accounts/", include("lamtheo.accounts.urls")),
    path("app/", home.home, name="home"),
    path("app/", include("lamtheo.org.urls")),
    path("app/campaign/", include("lamtheo.campaign.urls")),
    path("app/inspections/", include("lamtheo.inspections.urls")),
    path("app/recognition/", include("lamtheo.recognition.urls")),
    path("app/reports/", include("lamtheo.reports.urls")),
    path("app/jobs/", include("lamtheo.ops.urls")),
    path("health/", health, name="health"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", favicon),
    path("api/", include("lamtheo.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # The public portal last: it owns the site's root and its public paths.
    path("", include("lamtheo.portal.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler500 = "lamtheo.lib.security.server_error"
