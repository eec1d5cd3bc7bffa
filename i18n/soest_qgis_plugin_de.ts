<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
  <context>
    <name>soest</name>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="11" />
      <source>3D city model</source>
      <translation>3D-Stadtmodell</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="12" />
      <source>Load the LoD2 city model (CityGML, CityJSON), find buildings and export them.</source>
      <translation>LoD2-Stadtmodell laden (CityGML, CityJSON), Gebäude finden und exportieren.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/deps.py" line="9" />
      <source>road damage detection</source>
      <translation>Erkennung von Straßenschäden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/deps.py" line="10" />
      <source>3D preview in the city model panel</source>
      <translation>3D-Vorschau im Stadtmodell-Bereich</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/deps.py" line="11" />
      <source>3D printing export (STL)</source>
      <translation>Export für den 3D-Druck (STL)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/deps.py" line="12" />
      <source>DXF export</source>
      <translation>DXF-Export</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/deps.py" line="13" />
      <source>glTF export</source>
      <translation>glTF-Export</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/deps.py" line="14" />
      <source>terrain (DGM1) and slope analysis</source>
      <translation>Gelände (DGM1) und Steigungsanalyse</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/deps.py" line="15" />
      <source>CityGML import</source>
      <translation>CityGML-Import</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/deps.py" line="16" />
      <source>Excel export</source>
      <translation>Excel-Export</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/deps.py" line="39" />
      <source>Some functions are unavailable ({features}). Install the Python packages: pip install {packages}</source>
      <translation>Einige Funktionen sind nicht verfügbar ({features}). Bitte die Python-Pakete installieren: pip install {packages}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/feedback.py" line="61" />
      <location filename="../soest_qgis_plugin/common/tasks.py" line="70" />
      <source>Cancelled by the user.</source>
      <translation>Vom Benutzer abgebrochen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/messages.py" line="15" />
      <location filename="../soest_qgis_plugin/common/tasks.py" line="60" />
      <source>Unexpected error: {error}</source>
      <translation>Unerwarteter Fehler: {error}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/plugin.py" line="60" />
      <location filename="../soest_qgis_plugin/plugin.py" line="68" />
      <source>Soest</source>
      <translation>Soest</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/processing/provider.py" line="44" />
      <source>Soest Smart City</source>
      <translation>Soest Smart City</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="11" />
      <source>Road damage</source>
      <translation>Straßenschäden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="12" />
      <source>Detect road damage in survey drive photos and review it.</source>
      <translation>Straßenschäden in Fotos von Erfassungsfahrten erkennen und prüfen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="11" />
      <source>Shuttle &amp; accessibility</source>
      <translation>Shuttle &amp; Barrierefreiheit</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="12" />
      <source>Overlay shuttle routes with accessibility data and find the gaps.</source>
      <translation>Shuttle-Routen mit Daten zur Barrierefreiheit überlagern und Lücken finden.</translation>
    </message>
  </context>
</TS>
