"""Loads GoafWatch's OGC API - Features collections and vector tiles in QGIS (Debian's python3-qgis 3.22), headless,
as a GIS user would: a Basic login kept in QGIS's own encrypted auth database, an "OGC API - Features" connection in
the Browser, every layer the Browser lists, and a vector tile connection.

Reads GW_URL (the /ogcapi landing page), GW_USER, GW_PASSWORD, GW_WORK (a fresh directory for the QGIS profile, the
auth database and HOME), GW_TILE ("z/x/y" of one WebMercatorQuad tile) and prints one line "RESULT <json>" of what
QGIS saw: per layer its validity, geometry type, features (attributes, geometry type, area or length in EPSG:4548,
a point's position there) and the sums of areas and lengths; the pages QGIS asked for; the features of one tile.
"""
import json
import os
import sys

work = os.environ["GW_WORK"]
# nothing of this run may reach the user's own QGIS profile, settings or network cache
os.environ["HOME"] = work
os.environ["XDG_RUNTIME_DIR"] = os.path.join(work, "runtime")
os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
os.environ["QGIS_AUTH_DB_DIR_PATH"] = work
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.PyQt.QtCore import QCoreApplication, QSettings, QSize, QUrl
from qgis.PyQt.QtGui import QImage, QPainter
from qgis.PyQt.QtNetwork import QNetworkRequest

QCoreApplication.setOrganizationName("QGIS")
QCoreApplication.setApplicationName("QGIS3")
QSettings.setDefaultFormat(QSettings.IniFormat)
QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, work)

from qgis.core import (Qgis, QgsApplication, QgsAuthMethodConfig, QgsBlockingNetworkRequest, QgsCoordinateReferenceSystem,
                       QgsCoordinateTransform, QgsMapRendererCustomPainterJob, QgsMapSettings, QgsNetworkAccessManager,
                       QgsNetworkRequestParameters, QgsProject, QgsRectangle, QgsSettings, QgsVectorLayer,
                       QgsVectorTileBasicRenderer, QgsVectorTileBasicRendererStyle, QgsVectorTileLayer, QgsWkbTypes)

app = QgsApplication([], False, work)
app.initQgis()
requested = []


def remember(request):
    requested.append(request.request().url().toString())


QgsNetworkAccessManager.instance().requestAboutToBeCreated[QgsNetworkRequestParameters].connect(remember)


def plain(value):
    """A QGIS attribute value as JSON: NULL as null, dates as ISO text."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "toString"):
        return value.toString("yyyy-MM-ddTHH:mm:ss.zzz") if hasattr(value, "toMSecsSinceEpoch") else value.toString()
    return str(value)


# the Basic login, as Settings > Options > Authentication stores it: a fresh database, its master password, one config
auth = QgsApplication.authManager()
if auth.isDisabled():
    sys.exit("QGIS authentication system disabled: " + auth.disabledMessage())
if not auth.setMasterPassword("master-" + os.urandom(8).hex(), True):
    sys.exit("QGIS refused the master password of a fresh auth database")
cfg = QgsAuthMethodConfig()
cfg.setName("goafwatch")
cfg.setMethod("Basic")
cfg.setConfig("username", os.environ["GW_USER"])
cfg.setConfig("password", os.environ["GW_PASSWORD"])
stored = auth.storeAuthenticationConfig(cfg)
if not (stored[0] if isinstance(stored, tuple) else stored):
    sys.exit("QGIS did not store the Basic auth config")
authcfg = cfg.id()

# the connection, as "New OGC API - Features connection" saves it, then the Browser's list of its layers
base = os.environ["GW_URL"]
settings = QgsSettings()
settings.setValue("qgis/connections-wfs/goafwatch/url", base)
settings.setValue("qgis/connections-wfs/goafwatch/version", "OGC_API_FEATURES")
settings.setValue("qgis/WFS/goafwatch/authcfg", authcfg)
root = QgsApplication.dataItemProviderRegistry().provider("WFS").createDataItem("", None)
connection = [c for c in root.createChildren() if c.name() == "goafwatch"][0]
items = [(i.mimeUris()[0].uri, i.name()) for i in connection.createChildren() if i.mimeUris()]

metric = QgsCoordinateReferenceSystem("EPSG:4548")


def read(uri, name):
    layer = QgsVectorLayer(uri, name, "OAPIF")
    seen = {"uri": uri.replace(authcfg, "<authcfg>"), "valid": layer.isValid()}
    if not layer.isValid():
        # (layer.error() of an invalid OAPIF layer crashes QGIS 3.22)
        return seen
    to_metric = QgsCoordinateTransform(layer.crs(), metric, QgsProject.instance())
    seen.update({"wkbType": QgsWkbTypes.displayString(layer.wkbType()),
                 "geometryType": QgsWkbTypes.geometryDisplayString(layer.geometryType()),
                 "crs": layer.crs().authid(), "featureCount": layer.featureCount(), "features": []})
    names = layer.fields().names()
    for f in layer.getFeatures():
        g = f.geometry()
        one = {"attributes": {n: plain(v) for n, v in zip(names, f.attributes())}, "wkbType": None, "area": 0.0, "length": 0.0}
        if not g.isNull():
            g.transform(to_metric)
            one.update({"wkbType": QgsWkbTypes.displayString(g.wkbType()),
                        "geometryType": QgsWkbTypes.geometryDisplayString(g.type()), "area": g.area(), "length": g.length()})
            if g.type() == QgsWkbTypes.PointGeometry and not g.isMultipart():
                one.update({"x": g.asPoint().x(), "y": g.asPoint().y()})
        seen["features"].append(one)
    seen["areaSum"] = sum(f["area"] for f in seen["features"])
    seen["lengthSum"] = sum(f["length"] for f in seen["features"])
    return seen


layers = {}
for uri, title in items:
    typename = [p.split("=", 1)[1].strip("'") for p in uri.split(" ") if p.startswith("typename=")][0]
    layers[typename] = read(uri, typename)
    layers[typename]["title"] = title

# the same collection read in pages of two (QGIS follows the items' "next" links), and without the login
first = items[[i for i, (u, _) in enumerate(items) if "typename='parcels'" in u][0]][0]
QCoreApplication.processEvents()  # requests made in QGIS's download threads are reported through the event loop
before = len(requested)
paged = read(first + " pageSize='2'", "parcels-paged")
QCoreApplication.processEvents()
paged["requests"] = requested[before:]
anonymous = read(first.replace("authcfg=" + authcfg, ""), "parcels-anonymous")


class FeaturesOfEachTile(QgsVectorTileBasicRenderer):
    """Draws nothing; keeps the features QGIS decoded from each tile it fetched for the map."""
    tiles = []

    def clone(self):
        c = FeaturesOfEachTile()
        c.setStyles(self.styles())
        return c

    def requiredLayers(self, context, zoom):
        return {""}

    def renderTile(self, tile, context):
        t = tile.id()
        FeaturesOfEachTile.tiles.append({"z": t.zoomLevel(), "x": t.column(), "y": t.row(), "layers": {
            name: [{"code": plain(f.attribute("code")), "wkbType": QgsWkbTypes.displayString(f.geometry().wkbType())}
                   for f in tile.layerFeatures(name)] for name in tile.layers()}})


# the vector tiles: the template from the TileJSON (fetched with the login), a "Vector Tiles" connection for one zoom
z, x, y = (int(v) for v in os.environ["GW_TILE"].split("/"))
tilejson_request = QgsBlockingNetworkRequest()
tilejson_request.setAuthCfg(authcfg)
status = tilejson_request.get(QNetworkRequest(QUrl(base + "/tiles/WebMercatorQuad/tilejson.json")))
tiles = {"tilejsonStatus": int(status)}
if status == QgsBlockingNetworkRequest.NoError:
    template = json.loads(bytes(tilejson_request.reply().content()).decode("utf-8"))["tiles"][0]
    for key, value in {"url": template, "zmin": z, "zmax": z, "authcfg": authcfg}.items():
        settings.setValue("qgis/connections-vector-tile/goafwatch/" + key, str(value))
    tile_root = QgsApplication.dataItemProviderRegistry().provider("Vector Tiles").createDataItem("", None)
    tile_uri = [c for c in tile_root.createChildren() if c.name() == "goafwatch"][0].mimeUris()[0].uri
    tile_layer = QgsVectorTileLayer(tile_uri, "goafwatch tiles")
    tiles.update({"template": template, "valid": tile_layer.isValid(), "crs": tile_layer.crs().authid()})
    renderer = FeaturesOfEachTile()
    # the renderer decodes only the attributes its styles use: "code" of each layer
    styles = []
    for layer_name in ("parcels", "cables", "markers"):
        style = QgsVectorTileBasicRendererStyle(layer_name, layer_name, QgsWkbTypes.UnknownGeometry)
        style.setFilterExpression('"code" IS NULL OR "code" IS NOT NULL')
        styles.append(style)
    renderer.setStyles(styles)
    tile_layer.setRenderer(renderer)
    # a 256 px map of that tile's Web Mercator square, a thousandth inside its edges, drawn as the map canvas would
    half = 20037508.342789244
    size = 2 * half / 2 ** z
    inset = size / 1000
    map_settings = QgsMapSettings()
    map_settings.setLayers([tile_layer])
    map_settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    map_settings.setExtent(QgsRectangle(-half + x * size + inset, half - (y + 1) * size + inset,
                                        -half + (x + 1) * size - inset, half - y * size - inset))
    map_settings.setOutputSize(QSize(256, 256))
    image = QImage(QSize(256, 256), QImage.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    job = QgsMapRendererCustomPainterJob(map_settings, painter)
    job.renderSynchronously()
    painter.end()
    tiles.update({"renderErrors": [e.message for e in job.errors()], "tiles": FeaturesOfEachTile.tiles})

print("RESULT " + json.dumps({"qgis": Qgis.version(), "authMethod": auth.availableAuthMethodConfigs()[authcfg].method(),
                              "browser": [u.replace(authcfg, "<authcfg>") for u, _ in items], "layers": layers,
                              "paged": paged, "anonymous": anonymous, "vectorTiles": tiles}))
sys.stdout.flush()
app.exitQgis()
