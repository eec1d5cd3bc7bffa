<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
  <context>
    <name>soest</name>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/algorithms.py" line="43" />
      <source>Import city model (CityGML, CityJSON)</source>
      <translation>Stadtmodell importieren (CityGML, CityJSON)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/algorithms.py" line="44" />
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="297" />
      <location filename="../soest_qgis_plugin/citymodel/export_algorithm.py" line="32" />
      <source>3D city model</source>
      <translation>3D-Stadtmodell</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/algorithms.py" line="46" />
      <source>Reads LoD1/LoD2 buildings from a CityGML (1.0, 2.0, 3.0) or CityJSON (1.0, 1.1, 2.0, CityJSONSeq) file or from every such file in a folder, streaming tile by tile, and writes them into a GeoPackage store: layer 'buildings' (one footprint per building, BuildingParts folded in, decoded attributes, areas, volume, heights) and layer 'surfaces' (3D surfaces with their semantic type, absolute heights). Re-importing a tile replaces its buildings. Bad files and buildings are skipped and listed in the log; the store is only changed when the import completes.</source>
      <translation>Liest LoD1/LoD2-Gebäude aus einer CityGML-Datei (1.0, 2.0, 3.0) oder CityJSON-Datei (1.0, 1.1, 2.0, CityJSONSeq) oder aus allen solchen Dateien eines Ordners, Kachel für Kachel im Datenstrom, und schreibt sie in einen GeoPackage-Speicher: Layer „buildings“ (ein Grundriss je Gebäude, Gebäudeteile zusammengefasst, entschlüsselte Attribute, Flächen, Volumen, Höhen) und Layer „surfaces“ (3D-Flächen mit ihrer semantischen Art, absolute Höhen). Ein erneuter Import einer Kachel ersetzt deren Gebäude. Fehlerhafte Dateien und Gebäude werden übersprungen und im Protokoll aufgeführt; der Speicher wird erst geändert, wenn der Import vollständig ist.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/algorithms.py" line="66" />
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="598" />
      <source>City models (*.gml *.xml *.json *.jsonl);;All files (*.*)</source>
      <translation>Stadtmodelle (*.gml *.xml *.json *.jsonl);;Alle Dateien (*.*)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/algorithms.py" line="61" />
      <source>City model file or folder</source>
      <translation>Stadtmodell-Datei oder -Ordner</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/algorithms.py" line="69" />
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="588" />
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="705" />
      <source>City model store</source>
      <translation>Stadtmodell-Speicher</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/algorithms.py" line="69" />
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="326" />
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="588" />
      <source>GeoPackage (*.gpkg)</source>
      <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/algorithms.py" line="71" />
      <source>Buildings imported</source>
      <translation>Importierte Gebäude</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/algorithms.py" line="72" />
      <source>Buildings skipped</source>
      <translation>Übersprungene Gebäude</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/algorithms.py" line="73" />
      <source>Problems</source>
      <translation>Probleme</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/algorithms.py" line="74" />
      <source>Summary</source>
      <translation>Zusammenfassung</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/algorithms.py" line="84" />
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="78" />
      <location filename="../soest_qgis_plugin/shuttle/coverage.py" line="78" />
      <source>File not found: {path}</source>
      <translation>Datei nicht gefunden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="83" />
      <source>Residential</source>
      <translation>Wohnen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="84" />
      <source>Commerce and industry</source>
      <translation>Handel, Gewerbe und Industrie</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="85" />
      <source>Public buildings</source>
      <translation>Öffentliche Gebäude</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="86" />
      <source>Garages and sheds</source>
      <translation>Garagen und Nebengebäude</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="87" />
      <source>Other</source>
      <translation>Sonstige</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="94" />
      <source>up to 5 m</source>
      <translation>bis 5 m</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="95" />
      <source>5 to 10 m</source>
      <translation>5 bis 10 m</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="96" />
      <source>10 to 15 m</source>
      <translation>10 bis 15 m</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="97" />
      <source>15 to 25 m</source>
      <translation>15 bis 25 m</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="98" />
      <source>over 25 m</source>
      <translation>über 25 m</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="306" />
      <source>Load the LoD2 city model (CityGML, CityJSON), find buildings and export them.</source>
      <translation>LoD2-Stadtmodell laden (CityGML, CityJSON), Gebäude finden und exportieren.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="322" />
      <source>Load</source>
      <translation>Laden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="328" />
      <source>The GeoPackage the city model is kept in (created when missing).</source>
      <translation>Das GeoPackage, in dem das Stadtmodell gespeichert wird (wird bei Bedarf angelegt).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="331" />
      <source>A GeoPackage file, or a saved PostgreSQL connection for many desks.</source>
      <translation>Eine GeoPackage-Datei oder eine gespeicherte PostgreSQL-Verbindung für viele Arbeitsplätze.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="332" />
      <source>Kept in</source>
      <translation>Gespeichert in</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="333" />
      <source>Store</source>
      <translation>Speicher</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="335" />
      <source>Schema</source>
      <translation>Schema</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="343" />
      <source>Load files…</source>
      <translation>Dateien laden…</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="344" />
      <source>Load folder…</source>
      <translation>Ordner laden…</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="345" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="374" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="678" />
      <source>Open store</source>
      <translation>Speicher öffnen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="354" />
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="114" />
      <location filename="../soest_qgis_plugin/printing/progress.py" line="64" />
      <source>Cancel</source>
      <translation>Abbrechen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="359" />
      <source>No city model loaded.</source>
      <translation>Kein Stadtmodell geladen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="369" />
      <source>Map style</source>
      <translation>Kartendarstellung</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="372" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="116" />
      <source>Building function</source>
      <translation>Gebäudefunktion</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="373" />
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="407" />
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="114" />
      <source>Height</source>
      <translation>Höhe</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="374" />
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="395" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="117" />
      <source>Roof type</source>
      <translation>Dachform</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="382" />
      <source>Search and filter</source>
      <translation>Suchen und filtern</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="386" />
      <source>Street and house number</source>
      <translation>Straße und Hausnummer</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="391" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="114" />
      <source>Address</source>
      <translation>Adresse</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="393" />
      <source>Function</source>
      <translation>Funktion</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="409" />
      <source>Tile</source>
      <translation>Kachel</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="412" />
      <source>Search</source>
      <translation>Suchen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="413" />
      <source>Reset filters</source>
      <translation>Filter zurücksetzen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="423" />
      <source>Select all results</source>
      <translation>Alle Treffer auswählen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="435" />
      <source>Selection</source>
      <translation>Auswahl</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="438" />
      <source>From map selection</source>
      <translation>Aus Kartenauswahl</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="439" />
      <source>Draw rectangle</source>
      <translation>Rechteck zeichnen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="440" />
      <source>Draw polygon</source>
      <translation>Polygon zeichnen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="449" />
      <source>Polygon layer</source>
      <translation>Polygonlayer</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="453" />
      <source>Buffer</source>
      <translation>Puffer</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="455" />
      <source>only selected features</source>
      <translation>nur ausgewählte Objekte</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="457" />
      <source>Select from polygon layer</source>
      <translation>Über Polygonlayer auswählen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="459" />
      <source>Surroundings 50 m</source>
      <translation>Umgebung 50 m</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="460" />
      <source>Add every building within 50 m of the selection.</source>
      <translation>Alle Gebäude im Umkreis von 50 m um die Auswahl hinzufügen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="463" />
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="875" />
      <source>No buildings selected.</source>
      <translation>Keine Gebäude ausgewählt.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="465" />
      <source>Clear</source>
      <translation>Leeren</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="479" />
      <source>3D preview</source>
      <translation>3D-Vorschau</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="481" />
      <source>Show selection in 3D</source>
      <translation>Auswahl in 3D zeigen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="488" />
      <source>Roofs red, walls grey, ground dark. Click a building to see its id.</source>
      <translation>Dächer rot, Wände grau, Boden dunkel. Ein Gebäude anklicken, um seine ID zu sehen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="502" />
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="1050" />
      <source>Export</source>
      <translation>Export</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="516" />
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="97" />
      <source>Format</source>
      <translation>Format</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="517" />
      <location filename="../soest_qgis_plugin/citymodel/export_algorithm.py" line="78" />
      <source>Shift to a local origin</source>
      <translation>In einen lokalen Ursprung verschieben</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="520" />
      <location filename="../soest_qgis_plugin/citymodel/export_algorithm.py" line="80" />
      <source>Target CRS</source>
      <translation>Ziel-KBS</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="522" />
      <source>GeoTIFF (*.tif *.tiff)</source>
      <translation>GeoTIFF (*.tif *.tiff)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="523" />
      <source>Terrain (DGM1)</source>
      <translation>Gelände (DGM1)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="528" />
      <source>Print scale</source>
      <translation>Druckmaßstab</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="533" />
      <source>Base plate</source>
      <translation>Sockelplatte</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="536" />
      <source>Export…</source>
      <translation>Exportieren…</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="558" />
      <location filename="../soest_qgis_plugin/roaddamage/store_picker.py" line="120" />
      <source>GeoPackage file</source>
      <translation>GeoPackage-Datei</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="598" />
      <source>City model files</source>
      <translation>Stadtmodell-Dateien</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="604" />
      <source>Folder with city model tiles</source>
      <translation>Ordner mit Stadtmodell-Kacheln</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="629" />
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="644" />
      <source>Import city model</source>
      <translation>Stadtmodell importieren</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="732" />
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="748" />
      <source>Buildings (3D city model)</source>
      <translation>Gebäude (3D-Stadtmodell)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="790" />
      <source>All</source>
      <translation>Alle</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="1068" />
      <source>Export city model</source>
      <translation>Stadtmodell exportieren</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="1088" />
      <source>with a warning:</source>
      <translation>mit einer Warnung:</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="1089" />
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="690" />
      <source>Details in the log messages (Soest).</source>
      <translation>Details in den Protokollmeldungen (Soest).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="137" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="911" />
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="34" />
      <source>unknown</source>
      <translation>unbekannt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="375" />
      <source>Colour by</source>
      <translation>Einfärben nach</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="507" />
      <source>OBJ (architects, 3D programs)</source>
      <translation>OBJ (Architekten, 3D-Programme)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="508" />
      <source>glTF binary (web, games)</source>
      <translation>glTF binär (Web, Spiele)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="509" />
      <source>STL for 3D printing</source>
      <translation>STL für den 3D-Druck</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="510" />
      <source>DXF 3D (CAD)</source>
      <translation>DXF 3D (CAD)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="511" />
      <source>CityJSON 2.0</source>
      <translation>CityJSON 2.0</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="512" />
      <source>CityGML (original XML)</source>
      <translation>CityGML (Original-XML)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="513" />
      <source>GeoPackage footprints with heights</source>
      <translation>GeoPackage-Grundrisse mit Höhen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="804" />
      <source>Load or open a city model first.</source>
      <translation>Bitte zuerst ein Stadtmodell laden oder öffnen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="904" />
      <source>Select buildings on the map first (layer 'Buildings (3D city model)').</source>
      <translation>Bitte zuerst Gebäude in der Karte auswählen (Layer „Gebäude (3D-Stadtmodell)“).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="943" />
      <source>Choose a polygon layer first.</source>
      <translation>Bitte zuerst einen Polygonlayer wählen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="948" />
      <source>The polygon layer has no (selected) polygons.</source>
      <translation>Der Polygonlayer hat keine (ausgewählten) Polygone.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="955" />
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="969" />
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="1040" />
      <source>Select buildings first.</source>
      <translation>Bitte zuerst Gebäude auswählen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="1080" />
      <source>{count} buildings exported to {path}</source>
      <translation>{count} Gebäude nach {path} exportiert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="627" />
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="642" />
      <source>Importing {count} file(s) or folder(s)…</source>
      <translation>{count} Datei(en) oder Ordner werden importiert…</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="778" />
      <source>{count} buildings in {path}</source>
      <translation>{count} Gebäude in {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="1045" />
      <source>The export is not available in this version.</source>
      <translation>Der Export ist in dieser Version nicht verfügbar.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="1088" />
      <source>with {count} warnings:</source>
      <translation>mit {count} Warnungen:</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="564" />
      <location filename="../soest_qgis_plugin/roaddamage/store_picker.py" line="122" />
      <source>PostgreSQL: {name}</source>
      <translation>PostgreSQL: {name}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="834" />
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="1019" />
      <source>unknown function</source>
      <translation>unbekannte Funktion</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="842" />
      <source>{count} buildings found (first {shown} listed)</source>
      <translation>{count} Gebäude gefunden (die ersten {shown} aufgelistet)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="845" />
      <source>{count} buildings found</source>
      <translation>{count} Gebäude gefunden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="875" />
      <source>{count} buildings selected</source>
      <translation>{count} Gebäude ausgewählt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="997" />
      <source>Showing the first {shown} of {count} buildings.</source>
      <translation>Die ersten {shown} von {count} Gebäuden werden gezeigt.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="1002" />
      <source>{count} buildings. Click a building to see its id.</source>
      <translation>{count} Gebäude. Ein Gebäude anklicken, um seine ID zu sehen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="1016" />
      <source>{gml_id}: {address}, {function}, {height:.1f} m</source>
      <translation>{gml_id}: {address}, {function}, {height:.1f} m</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="764" />
      <source>The store cannot be shown: {path}</source>
      <translation>Der Speicher kann nicht angezeigt werden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/dock.py" line="1018" />
      <source>no address</source>
      <translation>keine Adresse</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export.py" line="75" />
      <source>Export options must be a dictionary.</source>
      <translation>Die Exportoptionen müssen ein Wörterbuch sein.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export.py" line="288" />
      <location filename="../soest_qgis_plugin/citymodel/export.py" line="321" />
      <source>3D printing needs an STL output file (.stl).</source>
      <translation>Der 3D-Druck braucht eine STL-Ausgabedatei (.stl).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export.py" line="294" />
      <source>No buildings selected: nothing to export.</source>
      <translation>Keine Gebäude ausgewählt: Es gibt nichts zu exportieren.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export.py" line="89" />
      <source>Unknown export format for {path}. Use one of: {formats}</source>
      <translation>Unbekanntes Exportformat für {path}. Bitte eines davon verwenden: {formats}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export.py" line="306" />
      <source>Exported {count} buildings to {path}.</source>
      <translation>{count} Gebäude nach {path} exportiert.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export.py" line="290" />
      <location filename="../soest_qgis_plugin/citymodel/export.py" line="210" />
      <source>Terrain file not found: {path}</source>
      <translation>Geländedatei nicht gefunden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export.py" line="318" />
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="491" />
      <source>City model store not found: {path}</source>
      <translation>Stadtmodell-Speicher nicht gefunden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export.py" line="119" />
      <source>The selected buildings have different coordinate reference systems: {crs}</source>
      <translation>Die ausgewählten Gebäude haben unterschiedliche Koordinatenbezugssysteme: {crs}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export.py" line="73" />
      <source>Unknown export option: {name}</source>
      <translation>Unbekannte Exportoption: {name}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export.py" line="159" />
      <location filename="../soest_qgis_plugin/citymodel/exporters/gpkg.py" line="66" />
      <source>Unknown target CRS: {crs}</source>
      <translation>Unbekanntes Ziel-Koordinatenbezugssystem: {crs}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export.py" line="198" />
      <location filename="../soest_qgis_plugin/citymodel/exporters/gpkg.py" line="94" />
      <source>Building {gml_id} has no geometry and is left out.</source>
      <translation>Gebäude {gml_id} hat keine Geometrie und wird ausgelassen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export.py" line="229" />
      <location filename="../soest_qgis_plugin/citymodel/exporters/stl.py" line="463" />
      <source>The terrain file does not cover the selected buildings: {path}</source>
      <translation>Die Geländedatei deckt die ausgewählten Gebäude nicht ab: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export.py" line="225" />
      <source>The terrain file cannot be read: {path} ({error})</source>
      <translation>Die Geländedatei kann nicht gelesen werden: {path} ({error})</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export_algorithm.py" line="31" />
      <source>Export 3D city model</source>
      <translation>3D-Stadtmodell exportieren</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export_algorithm.py" line="34" />
      <source>Exports the buildings of a city model store (GeoPackage made by 'Import 3D city model') to OBJ, glTF/GLB, STL, DXF, CityJSON 2.0, CityGML (original XML) or GeoPackage 2.5D footprints. The format follows the output file's extension. Select buildings by extent and/or a polygon layer with a buffer; without a selection every building is exported. Options: local origin (offset in &lt;output&gt;.origin.json), target CRS, terrain from a DGM1 GeoTIFF, and 3D printing (STL only): a watertight solid on a base plate at a print scale such as 1:1000.</source>
      <translation>Exportiert die Gebäude eines Stadtmodell-Speichers (GeoPackage aus „3D-Stadtmodell importieren“) nach OBJ, glTF/GLB, STL, DXF, CityJSON 2.0, CityGML (Original-XML) oder als 2,5D-Grundrisse ins GeoPackage. Das Format richtet sich nach der Endung der Ausgabedatei. Gebäude werden über eine Ausdehnung und/oder einen Polygonlayer mit Puffer ausgewählt; ohne Auswahl werden alle Gebäude exportiert. Optionen: lokaler Ursprung (Verschiebung in &lt;Ausgabe&gt;.origin.json), Ziel-KBS, Gelände aus einem DGM1-GeoTIFF und 3D-Druck (nur STL): ein wasserdichter Volumenkörper auf einer Grundplatte in einem Druckmaßstab wie 1:1000.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export_algorithm.py" line="112" />
      <source>3D print size: longest side (mm, 0 = use the scale)</source>
      <translation>3D-Druckgröße: längste Seite (mm, 0 = Maßstab verwenden)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export_algorithm.py" line="58" />
      <source>City model store (GeoPackage)</source>
      <translation>Stadtmodell-Speicher (GeoPackage)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export_algorithm.py" line="61" />
      <source>Extent</source>
      <translation>Ausdehnung</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export_algorithm.py" line="64" />
      <source>Mask (polygon layer)</source>
      <translation>Maske (Polygonlayer)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export_algorithm.py" line="70" />
      <source>Buffer around the mask (m)</source>
      <translation>Puffer um die Maske (m)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export_algorithm.py" line="84" />
      <source>Terrain (DGM1 GeoTIFF)</source>
      <translation>Gelände (DGM1-GeoTIFF)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export_algorithm.py" line="93" />
      <source>3D print scale 1:n (0 = no 3D printing)</source>
      <translation>3D-Druckmaßstab 1:n (0 = kein 3D-Druck)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export_algorithm.py" line="103" />
      <source>3D print base plate thickness (mm)</source>
      <translation>Dicke der 3D-Druck-Grundplatte (mm)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export_algorithm.py" line="120" />
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="64" />
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="108" />
      <source>Output file</source>
      <translation>Ausgabedatei</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export_algorithm.py" line="128" />
      <source>No city model store given.</source>
      <translation>Kein Stadtmodell-Speicher angegeben.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export_algorithm.py" line="142" />
      <source>The mask layer has no polygons.</source>
      <translation>Der Maskenlayer enthält keine Polygone.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/export_algorithm.py" line="149" />
      <source>No buildings in the selected area.</source>
      <translation>Keine Gebäude im ausgewählten Bereich.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/citygml.py" line="86" />
      <source>CityGML export keeps the original coordinates: local origin and target CRS are ignored.</source>
      <translation>Der CityGML-Export behält die Originalkoordinaten: Lokaler Ursprung und Ziel-KBS werden ignoriert.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/citygml.py" line="88" />
      <source>CityGML export contains buildings only: the terrain is not included.</source>
      <translation>Der CityGML-Export enthält nur Gebäude: Das Gelände wird nicht übernommen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/citygml.py" line="116" />
      <source>None of the selected buildings has original CityGML to export.</source>
      <translation>Keines der ausgewählten Gebäude hat Original-CityGML zum Exportieren.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/citygml.py" line="52" />
      <source>The selected buildings come from CityGML files with different namespaces (prefix {prefix}: {first} / {second}); export them separately.</source>
      <translation>Die ausgewählten Gebäude stammen aus CityGML-Dateien mit unterschiedlichen Namensräumen (Präfix {prefix}: {first} / {second}); bitte getrennt exportieren.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/citygml.py" line="101" />
      <source>Building {gml_id} has no original CityGML (it came from CityJSON) and is left out.</source>
      <translation>Gebäude {gml_id} hat kein Original-CityGML (es stammt aus CityJSON) und wird ausgelassen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/cityjson.py" line="272" />
      <source>CityJSON: building {gml_id} occurs more than once; the copy is written as {new_id} (attribute gml_id keeps the original id).</source>
      <translation>CityJSON: Gebäude {gml_id} kommt mehrfach vor; die Kopie wird als {new_id} geschrieben (das Attribut gml_id behält die ursprüngliche ID).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/cityjson.py" line="277" />
      <source>CityJSON: the id of BuildingPart {part_id} (building {gml_id}) is already used; the part is written as {new_id} (attribute gml_id keeps the original id).</source>
      <translation>CityJSON: Die ID des Gebäudeteils (BuildingPart) {part_id} (Gebäude {gml_id}) ist schon vergeben; der Teil wird als {new_id} geschrieben (das Attribut gml_id behält die ursprüngliche ID).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/cityjson.py" line="284" />
      <source>CityJSON: {count} more objects were written under a new id (see their attribute gml_id).</source>
      <translation>CityJSON: {count} weitere Objekte wurden unter einer neuen ID geschrieben (siehe ihr Attribut gml_id).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/cityjson.py" line="321" />
      <source>Building {gml_id} has no geometry.</source>
      <translation>Gebäude {gml_id} hat keine Geometrie.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/cityjson.py" line="193" />
      <source>CityJSON: the reference date "{value}" is not a date (e.g. 2024-05-01 or 01.05.2024); it is left out of the metadata.</source>
      <translation>CityJSON: Das Bezugsdatum „{value}“ ist kein Datum (z. B. 2024-05-01 oder 01.05.2024); es wird in den Metadaten weggelassen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/gpkg.py" line="61" />
      <source>GeoPackage footprints contain no terrain: the terrain file is ignored.</source>
      <translation>GeoPackage-Grundrisse enthalten kein Gelände: Die Geländedatei wird ignoriert.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/gpkg.py" line="74" />
      <source>Cannot create the file {path}.</source>
      <translation>Die Datei {path} kann nicht angelegt werden.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/gpkg.py" line="98" />
      <source>Building {gml_id} has no footprint and is left out.</source>
      <translation>Gebäude {gml_id} hat keinen Grundriss und wird ausgelassen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/gpkg.py" line="136" />
      <source>Cannot write to the file {path}.</source>
      <translation>In die Datei {path} kann nicht geschrieben werden.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/obj.py" line="68" />
      <source>OBJ: the id of building {gml_id} gives the same group name as another building's id; the building is written as group {name}.</source>
      <translation>OBJ: Die ID des Gebäudes {gml_id} ergibt denselben Gruppennamen wie die ID eines anderen Gebäudes; das Gebäude wird als Gruppe {name} geschrieben.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/obj.py" line="75" />
      <source>OBJ: {count} more buildings were written under a changed group name.</source>
      <translation>OBJ: {count} weitere Gebäude wurden unter einem geänderten Gruppennamen geschrieben.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/stl.py" line="424" />
      <source>None of the selected buildings has geometry to print.</source>
      <translation>Keines der ausgewählten Gebäude hat eine druckbare Geometrie.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/stl.py" line="443" />
      <source>The base plate must be thicker than 0 mm.</source>
      <translation>Die Grundplatte muss dicker als 0 mm sein.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/stl.py" line="519" />
      <source>The 3D print model has a few non-manifold edges; check it in the slicer.</source>
      <translation>Das 3D-Druckmodell hat einige nicht-mannigfaltige Kanten; bitte im Slicer prüfen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/stl.py" line="530" />
      <source>3D print model at scale {scale}: {x:.1f} × {y:.1f} × {z:.1f} mm, {count} triangles.</source>
      <translation>3D-Druckmodell im Maßstab {scale}: {x:.1f} × {y:.1f} × {z:.1f} mm, {count} Dreiecke.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/stl.py" line="506" />
      <source>The 3D print model could not be built ({error}).</source>
      <translation>Das 3D-Druckmodell konnte nicht erzeugt werden ({error}).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/stl.py" line="522" />
      <source>Building {gml_id} has parts thinner than {mm} mm at scale {scale}: they may not print.</source>
      <translation>Gebäude {gml_id} hat im Maßstab {scale} Teile dünner als {mm} mm: Sie werden eventuell nicht gedruckt.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/stl.py" line="527" />
      <source>{count} more buildings have too thin parts.</source>
      <translation>{count} weitere Gebäude haben zu dünne Teile.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/stl.py" line="419" />
      <source>3D printing needs the Python package manifold3d: pip install {package}</source>
      <translation>Der 3D-Druck braucht das Python-Paket manifold3d: pip install {package}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/exporters/stl.py" line="496" />
      <source>Building {gml_id} has no roof surface and is left out of the print.</source>
      <translation>Gebäude {gml_id} hat keine Dachfläche und wird beim Druck ausgelassen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/__init__.py" line="94" />
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="1277" />
      <source>empty file (0 bytes or only blanks)</source>
      <translation>leere Datei (0 Byte oder nur Leerzeichen)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/__init__.py" line="97" />
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="1280" />
      <source>not a CityGML or CityJSON file</source>
      <translation>keine CityGML- oder CityJSON-Datei</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/__init__.py" line="43" />
      <source>file not found</source>
      <translation>Datei nicht gefunden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/__init__.py" line="39" />
      <source>not a city model file (skipped)</source>
      <translation>keine Stadtmodell-Datei (übersprungen)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/__init__.py" line="89" />
      <location filename="../soest_qgis_plugin/citymodel/readers/citygml.py" line="691" />
      <location filename="../soest_qgis_plugin/citymodel/readers/citygml.py" line="752" />
      <source>cannot read the file: {error}</source>
      <translation>Datei kann nicht gelesen werden: {error}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/base.py" line="76" />
      <source>degenerate polygon with fewer than 3 points (left out)</source>
      <translation>entartetes Polygon mit weniger als 3 Punkten (weggelassen)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/base.py" line="74" />
      <location filename="../soest_qgis_plugin/citymodel/readers/citygml.py" line="217" />
      <source>unclosed polygon ring (closed automatically)</source>
      <translation>nicht geschlossener Polygonring (automatisch geschlossen)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/citygml.py" line="587" />
      <source>gml:id starts with a digit (not a valid XML ID); imported anyway</source>
      <translation>gml:id beginnt mit einer Ziffer (keine gültige XML-ID); trotzdem importiert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/citygml.py" line="590" />
      <source>building without gml:id (an id was made up from the line number)</source>
      <translation>Gebäude ohne gml:id (eine ID wurde aus der Zeilennummer gebildet)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/citygml.py" line="173" />
      <location filename="../soest_qgis_plugin/citymodel/readers/citygml.py" line="186" />
      <source>polygon ring without coordinates (left out)</source>
      <translation>Polygonring ohne Koordinaten (weggelassen)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/citygml.py" line="176" />
      <source>2D coordinates without height (height set to 0)</source>
      <translation>2D-Koordinaten ohne Höhe (Höhe auf 0 gesetzt)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/citygml.py" line="720" />
      <source>no buildings in this file (empty tile)</source>
      <translation>keine Gebäude in dieser Datei (leere Kachel)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/citygml.py" line="739" />
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="307" />
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="1016" />
      <source>building without geometry (not imported)</source>
      <translation>Gebäude ohne Geometrie (nicht importiert)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/citygml.py" line="191" />
      <location filename="../soest_qgis_plugin/citymodel/readers/citygml.py" line="163" />
      <source>coordinate list with a wrong number of values (left out)</source>
      <translation>Koordinatenliste mit falscher Anzahl an Werten (weggelassen)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/citygml.py" line="610" />
      <source>no LoD2 geometry: the outer LoD{lod} surfaces were imported (rooms, furniture, openings left out)</source>
      <translation>keine LoD2-Geometrie: die äußeren LoD{lod}-Flächen wurden importiert (Räume, Möblierung, Öffnungen weggelassen)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/citygml.py" line="716" />
      <source>no buildings in this file; {count} other city objects ignored</source>
      <translation>keine Gebäude in dieser Datei; {count} andere Stadtobjekte ignoriert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/citygml.py" line="789" />
      <source>broken or truncated XML ({error}); buildings before it were read</source>
      <translation>fehlerhaftes oder abgeschnittenes XML ({error}); die Gebäude davor wurden gelesen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="396" />
      <source>CityJSON {version} is older than 1.0 and not supported; read like CityJSON 1.0 as far as the file allows (please check the buildings)</source>
      <translation>CityJSON {version} ist älter als 1.0 und wird nicht unterstützt; soweit möglich wie CityJSON 1.0 gelesen (bitte die Gebäude prüfen)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="401" />
      <source>CityJSON version {version} is not supported; read like CityJSON 2.0 as far as the file allows</source>
      <translation>CityJSON-Version {version} wird nicht unterstützt; soweit möglich wie CityJSON 2.0 gelesen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="415" />
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="413" />
      <source>invalid transform (scale and translate must be 3 numbers each); file not imported</source>
      <translation>ungültige Transformation (scale und translate müssen je 3 Zahlen sein); Datei nicht importiert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="427" />
      <source>vertex coordinates out of range (larger than 64-bit numbers); file not imported</source>
      <translation>Punktkoordinaten außerhalb des Wertebereichs (größer als 64-Bit-Zahlen); Datei nicht importiert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="484" />
      <source>CityJSONFeature whose id names none of its city objects; feature not imported</source>
      <translation>CityJSONFeature, dessen id keines seiner Stadtobjekte benennt; Feature nicht importiert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="111" />
      <source>reference point of the geometry instance missing or out of range</source>
      <translation>Bezugspunkt der Geometrie-Instanz fehlt oder liegt außerhalb der Punktliste</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="371" />
      <source>not a CityJSON file (no "type": "CityJSON")</source>
      <translation>keine CityJSON-Datei (kein "type": "CityJSON")</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="386" />
      <source>no CityJSON version given; read as CityJSON 2.0</source>
      <translation>keine CityJSON-Version angegeben; als CityJSON 2.0 gelesen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="426" />
      <source>vertex coordinates out of range (larger than 64-bit numbers); not imported</source>
      <translation>Punktkoordinaten außerhalb des Wertebereichs (größer als 64-Bit-Zahlen); nicht importiert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="430" />
      <source>invalid vertex list ({error}); file not imported</source>
      <translation>ungültige Punktliste ({error}); Datei nicht importiert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="463" />
      <source>"CityObjects" is not a JSON object; file not imported</source>
      <translation>„CityObjects“ ist kein JSON-Objekt; Datei nicht importiert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="466" />
      <source>a lone CityJSONFeature without its header; coordinates taken as they are</source>
      <translation>ein einzelnes CityJSONFeature ohne Kopfzeile; Koordinaten unverändert übernommen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="313" />
      <source>BuildingPart that belongs to no Building (not imported)</source>
      <translation>BuildingPart, das zu keinem Building gehört (nicht importiert)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="417" />
      <source>invalid transform (scale {scale}, translate {translate}); file not imported</source>
      <translation>ungültige Transformation (scale {scale}, translate {translate}); Datei nicht importiert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="429" />
      <source>invalid vertex list ({error}); not imported</source>
      <translation>ungültige Punktliste ({error}); nicht importiert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="282" />
      <source>invalid object (not a JSON object); not imported</source>
      <translation>ungültiges Objekt (kein JSON-Objekt); nicht importiert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="291" />
      <source>(no type)</source>
      <translation>(ohne Typ)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="323" />
      <source>city objects that are not buildings ignored: {count} ({kinds})</source>
      <translation>Stadtobjekte, die keine Gebäude sind, ignoriert: {count} ({kinds})</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="161" />
      <source>vertex index out of range (polygon left out)</source>
      <translation>Punktindex außerhalb des Bereichs (Polygon weggelassen)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="344" />
      <source>not UTF-8 text ({error}); file not imported</source>
      <translation>kein UTF-8-Text ({error}); Datei nicht importiert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="367" />
      <source>broken or truncated JSON ({error}); file not imported</source>
      <translation>fehlerhaftes oder abgeschnittenes JSON ({error}); Datei nicht importiert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="520" />
      <source>line {line} is not a CityJSONFeature; skipped</source>
      <translation>Zeile {line} ist kein CityJSONFeature; übersprungen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="300" />
      <source>invalid object ({error}); not imported</source>
      <translation>ungültiges Objekt ({error}); nicht importiert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/readers/cityjson.py" line="516" />
      <source>broken JSON on line {line} ({error}); line skipped</source>
      <translation>fehlerhaftes JSON in Zeile {line} ({error}); Zeile übersprungen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="797" />
      <source>{buildings} buildings imported from {files} files ({ok} readable) in {seconds:.1f} s; {skipped} buildings skipped, {problems} problems; the store holds {total} buildings.</source>
      <translation>{buildings} Gebäude aus {files} Dateien ({ok} lesbar) in {seconds:.1f} s importiert; {skipped} Gebäude übersprungen, {problems} Probleme; der Speicher enthält {total} Gebäude.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="1014" />
      <source>polygons with invalid coordinates (left out)</source>
      <translation>Polygone mit ungültigen Koordinaten (weggelassen)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="1037" />
      <source>no footprint can be derived (not imported)</source>
      <translation>kein Grundriss ableitbar (nicht importiert)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="1191" />
      <source>unknown reference system '{name}': coordinates taken as EPSG:{epsg}</source>
      <translation>unbekanntes Bezugssystem „{name}“: Koordinaten als EPSG:{epsg} übernommen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="1219" />
      <source>No city model files found in {path}</source>
      <translation>Keine Stadtmodell-Dateien gefunden in {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="1316" />
      <source>… and {count} more problems</source>
      <translation>… und {count} weitere Probleme</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="514" />
      <source>The city model store {path} has an unsupported schema version.</source>
      <translation>Der Stadtmodell-Speicher {path} hat eine nicht unterstützte Schemaversion.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="742" />
      <location filename="../soest_qgis_plugin/citymodel/store_postgis.py" line="507" />
      <location filename="../soest_qgis_plugin/citymodel/store_postgis.py" line="417" />
      <source>Unknown building field: {name}</source>
      <translation>Unbekanntes Gebäudefeld: {name}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="810" />
      <source>Notes: {notes}</source>
      <translation>Hinweise: {notes}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="942" />
      <location filename="../soest_qgis_plugin/citymodel/store_postgis.py" line="287" />
      <source>duplicate gml:id (already imported from {tile}); not imported</source>
      <translation>doppelte gml:id (bereits aus {tile} importiert); nicht importiert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="984" />
      <source>coordinates ({x:.0f}, {y:.0f}) lie outside the area of {crs}: the file's reference system is probably wrong (not imported)</source>
      <translation>Koordinaten ({x:.0f}, {y:.0f}) liegen außerhalb des Gebiets von {crs}: das Bezugssystem in der Datei ist vermutlich falsch (nicht importiert)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="1025" />
      <source>{count} non-planar polygons (up to {error:.2f} m off their plane)</source>
      <translation>{count} nicht ebene Polygone (bis zu {error:.2f} m außerhalb ihrer Ebene)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="1200" />
      <source>no reference system given: coordinates taken as EPSG:{epsg}</source>
      <translation>kein Bezugssystem angegeben: Koordinaten als EPSG:{epsg} übernommen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="510" />
      <source>Not a city model store (GeoPackage made by this plugin): {path}</source>
      <translation>Kein Stadtmodell-Speicher (von diesem Plugin erstelltes GeoPackage): {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="612" />
      <location filename="../soest_qgis_plugin/citymodel/store_postgis.py" line="411" />
      <source>Invalid building filter: {error}</source>
      <translation>Ungültiger Gebäudefilter: {error}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="990" />
      <source>the building lies at {lon:.3f}° E, {lat:.3f}° N ({crs}), outside the area the store's EPSG:{epsg} can hold (not imported)</source>
      <translation>das Gebäude liegt bei {lon:.3f}° O, {lat:.3f}° N ({crs}), außerhalb des Gebiets, das das Bezugssystem EPSG:{epsg} des Speichers abbilden kann (nicht importiert)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="1263" />
      <source>same tile name as {other} earlier in this run; this file replaces it</source>
      <translation>gleicher Kachelname wie {other} weiter vorn in diesem Lauf; diese Datei ersetzt sie</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store.py" line="958" />
      <source>cannot transform from {crs}: {error}</source>
      <translation>Transformation aus {crs} nicht möglich: {error}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store_postgis.py" line="305" />
      <source>The database schema {schema} holds no city model.</source>
      <translation>Das Datenbankschema {schema} enthält kein Stadtmodell.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/citymodel/store_postgis.py" line="308" />
      <location filename="../soest_qgis_plugin/common/migrations.py" line="77" />
      <location filename="../soest_qgis_plugin/roaddamage/store_postgis.py" line="245" />
      <source>The database schema {schema} was written by a newer plugin version ({version}).</source>
      <translation>Das Datenbankschema {schema} wurde von einer neueren Plugin-Version geschrieben ({version}).</translation>
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
      <location filename="../soest_qgis_plugin/common/deps.py" line="17" />
      <source>dashcam video import</source>
      <translation>Import von Dashcam-Videos</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/deps.py" line="40" />
      <source>Some functions are unavailable ({features}). Install the Python packages: pip install {packages}</source>
      <translation>Einige Funktionen sind nicht verfügbar ({features}). Bitte die Python-Pakete installieren: pip install {packages}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/dock.py" line="37" />
      <location filename="../soest_qgis_plugin/plugin.py" line="91" />
      <source>Print map…</source>
      <translation>Karte drucken…</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/feedback.py" line="61" />
      <location filename="../soest_qgis_plugin/common/tasks.py" line="70" />
      <location filename="../soest_qgis_plugin/printing/export.py" line="52" />
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
      <location filename="../soest_qgis_plugin/common/postgres.py" line="59" />
      <source>PostgreSQL database</source>
      <translation>PostgreSQL-Datenbank</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/postgres.py" line="135" />
      <source>QGIS's PostgreSQL provider is not available.</source>
      <translation>Der PostgreSQL-Datenanbieter von QGIS ist nicht verfügbar.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/postgres.py" line="235" />
      <source>The PostgreSQL server has no PostGIS extension installed.</source>
      <translation>Auf dem PostgreSQL-Server ist die Erweiterung PostGIS nicht installiert.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/postgres.py" line="38" />
      <source>The Python package psycopg2 is needed for PostgreSQL (Debian: python3-psycopg2).</source>
      <translation>Für PostgreSQL wird das Python-Paket psycopg2 benötigt (Debian: python3-psycopg2).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/postgres.py" line="65" />
      <source>Database error ({what}): {error}</source>
      <translation>Datenbankfehler ({what}): {error}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/postgres.py" line="63" />
      <source>The database server cannot be reached ({what}): {error}</source>
      <translation>Der Datenbankserver ist nicht erreichbar ({what}): {error}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/postgres.py" line="176" />
      <source>QGIS has no saved PostgreSQL connection named {name}.</source>
      <translation>In QGIS gibt es keine gespeicherte PostgreSQL-Verbindung namens {name}.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/postgres.py" line="217" />
      <source>Invalid schema name {name}: use letters, digits and underscores (at most 63).</source>
      <translation>Ungültiger Schemaname {name}: nur Buchstaben, Ziffern und Unterstriche (höchstens 63).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/postgres.py" line="77" />
      <source>Invalid PostgreSQL connection string: {error}</source>
      <translation>Ungültige PostgreSQL-Verbindungsangabe: {error}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/common/postgres.py" line="185" />
      <source>The authentication configuration of the connection {name} cannot be used.</source>
      <translation>Die Authentifizierungskonfiguration der Verbindung {name} kann nicht verwendet werden.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/plugin.py" line="64" />
      <location filename="../soest_qgis_plugin/plugin.py" line="72" />
      <source>Soest</source>
      <translation>Soest</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="32" />
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="53" />
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="186" />
      <source>Print map</source>
      <translation>Karte drucken</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="33" />
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="114" />
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="113" />
      <source>Print</source>
      <translation>Drucken</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="35" />
      <source>Prints the visible layers of a QGIS project on a Soest sheet (A4_hoch, A4_quer, A3_quer, A1_quer or a .qpt template) as a PDF (vector) or PNG (300 dpi). Optional: extent, scale (e.g. 2500), subtitle, department/author.</source>
      <translation>Druckt die sichtbaren Ebenen eines QGIS-Projekts auf ein Soester Kartenblatt (A4_hoch, A4_quer, A3_quer, A1_quer oder eine .qpt-Vorlage) als PDF (Vektor) oder PNG (300 dpi). Optional: Ausschnitt, Maßstab (z. B. 2500), Untertitel, Fachbereich/Bearbeitung.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="113" />
      <source>Print report</source>
      <translation>Bericht drucken</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="116" />
      <source>Writes a standard report as a PDF: Schadensbericht (one page per confirmed damage, from the damage store), Haltestellen-Steckbrief (one page per stop, from a shuttle result) or Gebäude-Datenblatt (one page per building, from the city model store). REPORT also accepts the ids damage, stop, building. FILTER (optional) is an expression that selects the features, e.g. "gml_id" IN ('DENW…').</source>
      <translation>Schreibt einen Standardbericht als PDF: Schadensbericht (eine Seite je bestätigtem Schaden, aus dem Schadensspeicher), Haltestellen-Steckbrief (eine Seite je Haltestelle, aus einem Shuttle-Ergebnis) oder Gebäude-Datenblatt (eine Seite je Gebäude, aus dem Stadtmodell-Speicher). REPORT akzeptiert auch die Kennungen damage, stop, building. FILTER (optional) ist ein Ausdruck, der die Objekte auswählt, z. B. "gml_id" IN ('DENW…').</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="56" />
      <source>Scale (e.g. 2500 for 1:2,500; empty: whole extent)</source>
      <translation>Maßstab (z. B. 2500 für 1:2.500; leer: ganzer Ausschnitt)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="43" />
      <source>QGIS project</source>
      <translation>QGIS-Projekt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="47" />
      <source>Template (A4_hoch, A4_quer, A3_quer, A1_quer or .qpt path)</source>
      <translation>Vorlage (A4_hoch, A4_quer, A3_quer, A1_quer oder Pfad zu einer .qpt)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="50" />
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="77" />
      <source>Title</source>
      <translation>Titel</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="51" />
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="80" />
      <source>Subtitle</source>
      <translation>Untertitel</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="52" />
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="133" />
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="84" />
      <source>Department / author</source>
      <translation>Fachbereich / Bearbeitung</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="53" />
      <source>Map extent</source>
      <translation>Kartenausschnitt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="126" />
      <source>Report (Schadensbericht, Haltestellen-Steckbrief, Gebäude-Datenblatt)</source>
      <translation>Bericht (Schadensbericht, Haltestellen-Steckbrief, Gebäude-Datenblatt)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="130" />
      <source>Store or result GeoPackage</source>
      <translation>Speicher- oder Ergebnis-GeoPackage</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="132" />
      <source>Filter expression</source>
      <translation>Filterausdruck</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="135" />
      <source>Output PDF</source>
      <translation>Ausgabe-PDF</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="137" />
      <source>Pages</source>
      <translation>Seiten</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="43" />
      <source>QGIS projects (*.qgz *.qgs)</source>
      <translation>QGIS-Projekte (*.qgz *.qgs)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="64" />
      <source>PDF (*.pdf);;PNG image (*.png)</source>
      <translation>PDF (*.pdf);;PNG-Bild (*.png)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="107" />
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="195" />
      <source>Map written: {path}</source>
      <translation>Karte gespeichert: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="135" />
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="140" />
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="230" />
      <source>PDF (*.pdf)</source>
      <translation>PDF (*.pdf)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="152" />
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="256" />
      <source>Report written: {path} ({pages} pages)</source>
      <translation>Bericht gespeichert: {path} ({pages} Seiten)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/algorithms.py" line="75" />
      <location filename="../soest_qgis_plugin/printing/export.py" line="139" />
      <source>Unsupported output format '{suffix}': use .pdf or .png</source>
      <translation>Nicht unterstütztes Ausgabeformat „{suffix}“: bitte .pdf oder .png verwenden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="58" />
      <source>Prints what the map shows: visible layers, styles, extent and rotation.</source>
      <translation>Druckt, was die Karte zeigt: sichtbare Ebenen, Stile, Ausschnitt und Drehung.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="72" />
      <source>Template</source>
      <translation>Vorlage</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="76" />
      <source>e.g. Road condition in the old town</source>
      <translation>z. B. Straßenzustand in der Altstadt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="79" />
      <source>e.g. Building committee, 3 December</source>
      <translation>z. B. Bauausschuss, 3. Dezember</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="83" />
      <source>e.g. Department of Urban Planning, J. Müller</source>
      <translation>z. B. Abteilung Stadtplanung, J. Müller</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="87" />
      <source>Current view</source>
      <translation>Aktuelle Ansicht</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="90" />
      <source>Scale</source>
      <translation>Maßstab</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="93" />
      <source>PDF (vector, layers kept)</source>
      <translation>PDF (Vektor, mit Ebenen)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="94" />
      <source>PNG image (300 dpi)</source>
      <translation>PNG-Bild (300 dpi)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="104" />
      <location filename="../soest_qgis_plugin/roaddamage/store_picker.py" line="86" />
      <source>Browse…</source>
      <translation>Durchsuchen…</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="140" />
      <source>PNG image (*.png)</source>
      <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="141" />
      <source>Save map as</source>
      <translation>Karte speichern unter</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="205" />
      <source>Cancelled: no file was written.</source>
      <translation>Abgebrochen: Es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="271" />
      <source>{report} (PDF)…</source>
      <translation>{report} (PDF)…</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="239" />
      <source>Creating the report…</source>
      <translation>Bericht wird erstellt…</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="130" />
      <location filename="../soest_qgis_plugin/printing/layout.py" line="162" />
      <source>Map</source>
      <translation>Karte</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="186" />
      <source>Creating the map…</source>
      <translation>Karte wird erstellt…</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="279" />
      <source>Open or create a store first.</source>
      <translation>Bitte zuerst einen Speicher öffnen oder anlegen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/dialog.py" line="66" />
      <source>{name} (own template)</source>
      <translation>{name} (eigene Vorlage)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/export.py" line="45" />
      <location filename="../soest_qgis_plugin/printing/export.py" line="82" />
      <source>The output file cannot be written: {path}</source>
      <translation>Die Ausgabedatei kann nicht geschrieben werden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/export.py" line="46" />
      <location filename="../soest_qgis_plugin/printing/export.py" line="243" />
      <source>The PDF could not be created: {path}</source>
      <translation>Das PDF konnte nicht erstellt werden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/export.py" line="47" />
      <source>Not enough memory to export the sheet: {path}</source>
      <translation>Nicht genug Arbeitsspeicher für den Export des Blatts: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/export.py" line="48" />
      <source>The SVG could not be created: {path}</source>
      <translation>Die SVG-Datei konnte nicht erstellt werden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/export.py" line="49" />
      <location filename="../soest_qgis_plugin/printing/export.py" line="168" />
      <source>The report pages could not be created: {path}</source>
      <translation>Die Berichtsseiten konnten nicht erstellt werden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/export.py" line="27" />
      <source>No output file given.</source>
      <translation>Keine Ausgabedatei angegeben.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/export.py" line="182" />
      <source>The report has no pages: nothing to print.</source>
      <translation>Der Bericht hat keine Seiten: Es gibt nichts zu drucken.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/export.py" line="37" />
      <source>The output is a folder, not a file: {path}</source>
      <translation>Die Ausgabe ist ein Ordner, keine Datei: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/export.py" line="39" />
      <location filename="../soest_qgis_plugin/printing/export.py" line="78" />
      <source>The output file cannot be written (no permission): {path}</source>
      <translation>Die Ausgabedatei kann nicht geschrieben werden (keine Berechtigung): {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/export.py" line="53" />
      <source>The export failed: {path}</source>
      <translation>Der Export ist fehlgeschlagen: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/export.py" line="214" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="346" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="632" />
      <source>Page {page} of {pages}</source>
      <translation>Seite {page} von {pages}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/layout.py" line="65" />
      <location filename="../soest_qgis_plugin/printing/templates.py" line="274" />
      <source>City of Soest, own survey</source>
      <translation>Stadt Soest, eigene Erhebung</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/layout.py" line="62" />
      <source>© OpenStreetMap contributors</source>
      <translation>© OpenStreetMap-Mitwirkende</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/layout.py" line="290" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="657" />
      <location filename="../soest_qgis_plugin/printing/templates.py" line="251" />
      <source>Legend</source>
      <translation>Legende</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/layout.py" line="77" />
      <location filename="../soest_qgis_plugin/printing/templates.py" line="274" />
      <source>Sources: {sources}</source>
      <translation>Quellen: {sources}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/layout.py" line="160" />
      <source>No QGIS project given.</source>
      <translation>Kein QGIS-Projekt angegeben.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/layout.py" line="174" />
      <source>The map has no visible layers to print.</source>
      <translation>Die Karte hat keine sichtbaren Ebenen zum Drucken.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/layout.py" line="180" />
      <source>The visible layers have no extent to print.</source>
      <translation>Die sichtbaren Ebenen haben keine Ausdehnung, die gedruckt werden kann.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/layout.py" line="184" />
      <source>The print template has no map item with the id 'map'.</source>
      <translation>Die Druckvorlage enthält kein Kartenelement mit der Kennung „map“.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/layout.py" line="197" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="300" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="317" />
      <source>City of Soest</source>
      <translation>Stadt Soest</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/layout.py" line="199" />
      <location filename="../soest_qgis_plugin/printing/templates.py" line="279" />
      <source>Scale {scale}</source>
      <translation>Maßstab {scale}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/layout.py" line="404" />
      <source>QGIS project not found: {path}</source>
      <translation>QGIS-Projekt nicht gefunden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/layout.py" line="407" />
      <source>QGIS project cannot be read: {path} ({error})</source>
      <translation>QGIS-Projekt kann nicht gelesen werden: {path} ({error})</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="97" />
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="25" />
      <source>Boarding kerb height (18–22 cm)</source>
      <translation>Bordhöhe am Einstieg (18–22 cm)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="98" />
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="26" />
      <source>Tactile boarding field</source>
      <translation>Taktiles Einstiegsfeld</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="99" />
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="27" />
      <source>Tactile guide strip</source>
      <translation>Taktiler Leitstreifen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="100" />
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="28" />
      <source>Step-free access</source>
      <translation>Stufenloser Zugang</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="101" />
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="29" />
      <source>Wheelchair boarding (GTFS)</source>
      <translation>Rollstuhl-Einstieg (GTFS)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="115" />
      <source>Building ID</source>
      <translation>Gebäude-ID</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="118" />
      <source>Building height (m)</source>
      <translation>Gebäudehöhe (m)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="119" />
      <source>Storeys</source>
      <translation>Geschosse</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="120" />
      <source>Year of construction</source>
      <translation>Baujahr</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="121" />
      <source>Footprint area (m²)</source>
      <translation>Grundfläche (m²)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="122" />
      <source>Roof area (m²)</source>
      <translation>Dachfläche (m²)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="123" />
      <source>Wall area (m²)</source>
      <translation>Wandfläche (m²)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="124" />
      <source>Volume (m³)</source>
      <translation>Volumen (m³)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="125" />
      <source>Ground height (m, DHHN2016)</source>
      <translation>Geländehöhe (m, DHHN2016)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="126" />
      <source>Highest point (m, DHHN2016)</source>
      <translation>Höchster Punkt (m, DHHN2016)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="127" />
      <source>Level of detail (LoD)</source>
      <translation>Detaillierungsgrad (LoD)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="128" />
      <source>Data source</source>
      <translation>Datenquelle</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="135" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="630" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="632" />
      <source>Damage report</source>
      <translation>Schadensbericht</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="136" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1049" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1052" />
      <source>Stop profile</source>
      <translation>Haltestellen-Steckbrief</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="137" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1295" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1298" />
      <source>Building data sheet</source>
      <translation>Gebäude-Datenblatt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="911" />
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="34" />
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="47" />
      <source>passed</source>
      <translation>erfüllt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="911" />
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="34" />
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="47" />
      <source>failed</source>
      <translation>nicht erfüllt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1215" />
      <source>This stop</source>
      <translation>Diese Haltestelle</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1222" />
      <source>Other stops</source>
      <translation>Weitere Haltestellen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="174" />
      <source>Reports are written as PDF: the output must end in .pdf</source>
      <translation>Berichte werden als PDF geschrieben: Die Ausgabe muss auf .pdf enden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="423" />
      <source>none</source>
      <translation>keine</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="523" />
      <source>Confirmed damages</source>
      <translation>Bestätigte Schäden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="584" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="303" />
      <source>Survey drive</source>
      <translation>Erfassungsfahrt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="621" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="498" />
      <source>Streets</source>
      <translation>Straßen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="633" />
      <source>Road condition report</source>
      <translation>Bericht zum Straßenzustand</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="691" />
      <source>This damage</source>
      <translation>Dieser Schaden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="753" />
      <source>not set</source>
      <translation>nicht gesetzt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="926" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1166" />
      <source>Catchment areas</source>
      <translation>Einzugsbereiche</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="927" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1140" />
      <source>Coverage gaps</source>
      <translation>Versorgungslücken</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="936" />
      <source>Stops</source>
      <translation>Haltestellen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1069" />
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="199" />
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="65" />
      <source>Grade</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1102" />
      <source>Checks</source>
      <translation>Prüfungen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1252" />
      <source>Buildings</source>
      <translation>Gebäude</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1272" />
      <source>Neighbouring buildings</source>
      <translation>Nachbargebäude</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1313" />
      <source>Footprint</source>
      <translation>Grundriss</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1318" />
      <source>3D view</source>
      <translation>3D-Ansicht</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1322" />
      <source>Attributes</source>
      <translation>Merkmale</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1351" />
      <source>3D view not available: the Python package pyvista is not installed.</source>
      <translation>3D-Ansicht nicht verfügbar: Das Python-Paket pyvista ist nicht installiert.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="156" />
      <source>Unknown report '{name}'. Use one of: {names}</source>
      <translation>Unbekannter Bericht „{name}“. Möglich sind: {names}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="714" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="1015" />
      <location filename="../soest_qgis_plugin/roaddamage/exports.py" line="138" />
      <source>Damage class</source>
      <translation>Schadensklasse</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="715" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="1028" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="1028" />
      <source>Severity</source>
      <translation>Schweregrad</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="716" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="662" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="103" />
      <source>Street</source>
      <translation>Straße</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="717" />
      <source>Reviewed by</source>
      <translation>Geprüft von</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="718" />
      <source>Reviewed on</source>
      <translation>Geprüft am</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="719" />
      <source>Position (UTM 32)</source>
      <translation>Lage (UTM 32)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1142" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="103" />
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="213" />
      <source>No.</source>
      <translation>Nr.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1143" />
      <source>Description</source>
      <translation>Beschreibung</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1144" />
      <source>Residential buildings gained</source>
      <translation>Wohngebäude zusätzlich</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1173" />
      <source>Catchment area: {profile}</source>
      <translation>Einzugsbereich: {profile}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1357" />
      <source>3D view not available: the store has no surfaces.</source>
      <translation>3D-Ansicht nicht verfügbar: Der Speicher enthält keine Flächen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="172" />
      <source>Input GeoPackage not found: {path}</source>
      <translation>Eingabe-GeoPackage nicht gefunden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="208" />
      <source>The GeoPackage has no layer '{layer}': {path}</source>
      <translation>Das GeoPackage enthält keine Ebene „{layer}“: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="211" />
      <source>Layer '{layer}' lacks the fields: {fields}</source>
      <translation>Der Ebene „{layer}“ fehlen die Felder: {fields}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="545" />
      <source>No photo available</source>
      <translation>Kein Foto vorhanden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="602" />
      <source>Street condition (grade 1–5)</source>
      <translation>Straßenzustand (Note 1–5)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="637" />
      <source>{count} confirmed damages in {streets} streets</source>
      <translation>{count} bestätigte Schäden in {streets} Straßen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="662" />
      <source>Damages</source>
      <translation>Schäden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="662" />
      <source>Max. severity</source>
      <translation>Max. Schweregrad</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="680" />
      <source>Damage no. {number}</source>
      <translation>Schaden Nr. {number}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1042" />
      <source>… and {count} more (see the layer “Coverage gaps”)</source>
      <translation>… und {count} weitere (siehe Ebene „Versorgungslücken“)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1057" />
      <source>Stop {id}</source>
      <translation>Haltestelle {id}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1120" />
      <source>Criterion</source>
      <translation>Kriterium</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1120" />
      <source>Result</source>
      <translation>Ergebnis</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1303" />
      <source>Building {id}</source>
      <translation>Gebäude {id}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1327" />
      <source>Attribute</source>
      <translation>Merkmal</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1327" />
      <source>Value</source>
      <translation>Wert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1368" />
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1378" />
      <source>3D view not available</source>
      <translation>3D-Ansicht nicht verfügbar</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1372" />
      <source>No 3D surfaces for this building.</source>
      <translation>Für dieses Gebäude gibt es keine 3D-Flächen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="179" />
      <source>Invalid filter expression: {error}</source>
      <translation>Ungültiger Filterausdruck: {error}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="490" />
      <source>Collecting the data: {done} of {total}</source>
      <translation>Daten werden zusammengestellt: {done} von {total}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="518" />
      <source>There are no confirmed damages to report in {path}.</source>
      <translation>In {path} gibt es keine bestätigten Schäden für einen Bericht.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="568" />
      <source>{count} damages have no key photo; a placeholder is shown.</source>
      <translation>{count} Schäden haben kein Schlüsselfoto; ein Platzhalter wird angezeigt.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="920" />
      <source>There are no stops to report in {path}.</source>
      <translation>In {path} gibt es keine Haltestellen für einen Bericht.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="973" />
      <source>{passed} passed, {failed} failed, {unknown} unknown</source>
      <translation>{passed} erfüllt, {failed} nicht erfüllt, {unknown} unbekannt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="976" />
      <source>Missing: {text}</source>
      <translation>Fehlt: {text}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1239" />
      <source>There are no buildings to report in {path}.</source>
      <translation>In {path} gibt es keine Gebäude für einen Bericht.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1244" />
      <source>{count} buildings: the data sheet will be long; select buildings to print fewer.</source>
      <translation>{count} Gebäude: Das Datenblatt wird lang; wählen Sie Gebäude aus, um weniger zu drucken.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="321" />
      <location filename="../soest_qgis_plugin/printing/templates.py" line="272" />
      <source>As of: {date}</source>
      <translation>Stand: {date}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/reports.py" line="1377" />
      <source>3D view of {id} could not be rendered: {error}</source>
      <translation>Die 3D-Ansicht von {id} konnte nicht erzeugt werden: {error}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/templates.py" line="76" />
      <source>A4 portrait</source>
      <translation>A4 hoch</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/templates.py" line="77" />
      <source>A4 landscape</source>
      <translation>A4 quer</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/templates.py" line="78" />
      <source>A3 landscape</source>
      <translation>A3 quer</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/templates.py" line="79" />
      <source>A1 landscape (poster)</source>
      <translation>A1 quer (Plakat)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/templates.py" line="277" />
      <source>Map title</source>
      <translation>Kartentitel</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/templates.py" line="111" />
      <source>No print template given.</source>
      <translation>Keine Druckvorlage angegeben.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/templates.py" line="121" />
      <location filename="../soest_qgis_plugin/printing/templates.py" line="289" />
      <source>Unknown print template '{name}'. Available: {names}</source>
      <translation>Unbekannte Druckvorlage „{name}“. Verfügbar: {names}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/templates.py" line="137" />
      <location filename="../soest_qgis_plugin/printing/templates.py" line="142" />
      <source>Print template is not a valid QGIS layout template: {path}</source>
      <translation>Die Druckvorlage ist keine gültige QGIS-Layoutvorlage: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/templates.py" line="115" />
      <source>Print template not found: {path}</source>
      <translation>Druckvorlage nicht gefunden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/templates.py" line="133" />
      <source>Print template cannot be read: {path} ({error})</source>
      <translation>Druckvorlage kann nicht gelesen werden: {path} ({error})</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/templates.py" line="426" />
      <source>Print template cannot be written: {path}</source>
      <translation>Druckvorlage kann nicht geschrieben werden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/thumbnails.py" line="141" />
      <source>Soest – old town</source>
      <translation>Soest – Altstadt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/thumbnails.py" line="142" />
      <source>City of Soest, urban planning</source>
      <translation>Stadt Soest, Stadtplanung</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/printing/thumbnails.py" line="150" />
      <source>Example map from the demo project</source>
      <translation>Kartenbeispiel aus dem Demo-Projekt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/processing/provider.py" line="44" />
      <source>Soest Smart City</source>
      <translation>Soest Smart City</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="24" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="286" />
      <source>Road damage</source>
      <translation>Straßenschäden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="39" />
      <source>Detect road damage in a survey drive</source>
      <translation>Straßenschäden in einer Erfassungsfahrt erkennen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="42" />
      <source>Runs the road damage model on the photos of a survey drive (a folder of JPEG/PNG photos with GPS in EXIF, or without GPS plus a GPX track matched by time) or on a dashcam video (MP4) plus its GPX track, sampled every few metres, and writes frames, every detection and the deduplicated damages to a damage store (GeoPackage). An existing store gets the drive added. Photos that cannot be read or have no position are named in the log.</source>
      <translation>Wendet das Schadensmodell auf die Fotos einer Erfassungsfahrt an (ein Ordner mit JPEG-/PNG-Fotos mit GPS in den EXIF-Daten oder ohne GPS plus ein GPX-Track, der über die Zeit zugeordnet wird) oder auf ein Dashcam-Video (MP4) mit seinem GPX-Track, das alle paar Meter abgetastet wird, und schreibt Bilder, jede Erkennung und die zusammengeführten Schäden in einen Schadensspeicher (GeoPackage). Einem vorhandenen Speicher wird die Fahrt hinzugefügt. Fotos, die nicht gelesen werden können oder keine Position haben, werden im Protokoll genannt.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="192" />
      <source>Export confirmed road damage (maintenance list)</source>
      <translation>Bestätigte Straßenschäden exportieren (Instandhaltungsliste)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="195" />
      <source>Writes the confirmed damages of a damage store as a maintenance list: CSV, Excel (XLSX) or GeoPackage with street, position, class, severity, reviewer, date and the path of a photo crop. Only crops around each damage are written (beside the list), never the full photos.</source>
      <translation>Schreibt die bestätigten Schäden eines Schadensspeichers als Instandhaltungsliste: CSV, Excel (XLSX) oder GeoPackage mit Straße, Position, Klasse, Schweregrad, Prüfer, Datum und dem Pfad eines Fotoausschnitts. Es werden nur Ausschnitte um den jeweiligen Schaden geschrieben (neben der Liste), nie die vollständigen Fotos.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="84" />
      <source>Detection model (ONNX)</source>
      <translation>Erkennungsmodell (ONNX)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="54" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="306" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="575" />
      <source>Photo folder</source>
      <translation>Fotoordner</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="62" />
      <source>Dashcam video (instead of photos; needs the GPX track)</source>
      <translation>Dashcam-Video (statt Fotos; braucht den GPX-Track)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="70" />
      <source>Video: one frame every (metres along the track)</source>
      <translation>Video: ein Bild alle … Meter entlang des Tracks</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="80" />
      <source>GPX track (for photos without GPS)</source>
      <translation>GPX-Track (für Fotos ohne GPS)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="90" />
      <source>Minimum confidence</source>
      <translation>Mindestkonfidenz</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="100" />
      <source>Camera clock offset to the GPX time (seconds)</source>
      <translation>Zeitversatz der Kamerauhr zur GPX-Zeit (Sekunden)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="125" />
      <source>Streets (lines with a field 'name', for street names)</source>
      <translation>Straßen (Linien mit einem Feld „name“, für Straßennamen)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="131" />
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="202" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="368" />
      <source>Damage store</source>
      <translation>Schadensspeicher</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="142" />
      <source>Give either a photo folder (IMAGES) or a dashcam video (VIDEO).</source>
      <translation>Bitte entweder einen Fotoordner (IMAGES) oder ein Dashcam-Video (VIDEO) angeben.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="205" />
      <location filename="../soest_qgis_plugin/roaddamage/exports.py" line="189" />
      <source>Maintenance list</source>
      <translation>Instandhaltungsliste</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="205" />
      <source>CSV (*.csv);;Excel (*.xlsx);;GeoPackage (*.gpkg)</source>
      <translation>CSV (*.csv);;Excel (*.xlsx);;GeoPackage (*.gpkg)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="63" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="568" />
      <source>Videos (*.mp4 *.mov *.avi *.mkv)</source>
      <translation>Videos (*.mp4 *.mov *.avi *.mkv)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="215" />
      <source>{count} confirmed damages exported.</source>
      <translation>{count} bestätigte Schäden exportiert.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="170" />
      <source>Unreadable photo: {image}</source>
      <translation>Nicht lesbares Foto: {image}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/algorithms.py" line="176" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="651" />
      <source>Skipped: {unreadable} unreadable, {unpositioned} without position (see the log).</source>
      <translation>Übersprungen: {unreadable} nicht lesbar, {unpositioned} ohne Position (siehe Protokoll).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/condition.py" line="88" />
      <source>The street layer cannot be read: {path}</source>
      <translation>Der Straßenlayer kann nicht gelesen werden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/detector.py" line="352" />
      <source>The model's input {shape} fits neither the YOLOv8 nor the YOLOv5 layout (expected one image input 1×3×height×width): {path}</source>
      <translation>Die Eingabe {shape} des Modells passt weder zum YOLOv8- noch zum YOLOv5-Layout (erwartet wird eine Bildeingabe 1×3×Höhe×Breite): {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/detector.py" line="359" />
      <source>The model's output {shape} fits neither the YOLOv8 layout [1, 4+classes, N] nor the YOLOv5 layout [1, N, 5+classes]; it is not an object detector: {path}</source>
      <translation>Die Ausgabe {shape} des Modells passt weder zum YOLOv8-Layout [1, 4+Klassen, N] noch zum YOLOv5-Layout [1, N, 5+Klassen]; es ist kein Objektdetektor: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/detector.py" line="110" />
      <source>Unsupported image shape {shape}; expected an RGB or greyscale image.</source>
      <translation>Nicht unterstützte Bildform {shape}; erwartet wird ein RGB- oder Graustufenbild.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/detector.py" line="275" />
      <source>onnxruntime is not installed; install it to detect road damage (pip install onnxruntime).</source>
      <translation>onnxruntime ist nicht installiert; für die Erkennung von Straßenschäden bitte installieren (pip install onnxruntime).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/detector.py" line="260" />
      <location filename="../soest_qgis_plugin/roaddamage/pipeline.py" line="54" />
      <source>Model file not found: {path}</source>
      <translation>Modelldatei nicht gefunden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/detector.py" line="269" />
      <location filename="../soest_qgis_plugin/roaddamage/detector.py" line="290" />
      <source>The file is not an ONNX model: {path}</source>
      <translation>Die Datei ist kein ONNX-Modell: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/detector.py" line="266" />
      <source>The model file cannot be read: {path}</source>
      <translation>Die Modelldatei kann nicht gelesen werden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/detector.py" line="292" />
      <location filename="../soest_qgis_plugin/roaddamage/detector.py" line="344" />
      <source>The model cannot be loaded by onnxruntime: {path}</source>
      <translation>Das Modell kann von onnxruntime nicht geladen werden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/detector.py" line="384" />
      <source>The model could not be run: {error}</source>
      <translation>Das Modell konnte nicht ausgeführt werden: {error}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="103" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="410" />
      <source>Class</source>
      <translation>Klasse</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="103" />
      <source>Conf.</source>
      <translation>Konf.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="103" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="412" />
      <source>Drive</source>
      <translation>Fahrt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="103" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="409" />
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="287" />
      <source>Detect road damage in survey drive photos and review it.</source>
      <translation>Straßenschäden in Fotos von Erfassungsfahrten erkennen und prüfen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="307" />
      <source>Dashcam video with GPX track</source>
      <translation>Dashcam-Video mit GPX-Track</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="311" />
      <source>Source</source>
      <translation>Quelle</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="320" />
      <source>Distance along the GPX track between two video frames that are checked.</source>
      <translation>Abstand entlang des GPX-Tracks zwischen zwei Videobildern, die geprüft werden.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="321" />
      <source>One frame every</source>
      <translation>Ein Bild alle</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="324" />
      <source>GPX track (*.gpx)</source>
      <translation>GPX-Track (*.gpx)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="333" />
      <source>Seconds added to the camera clock to match the GPX time (UTC).</source>
      <translation>Sekunden, die zur Kamerazeit addiert werden, damit sie zur GPX-Zeit (UTC) passt.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="334" />
      <source>Clock offset</source>
      <translation>Zeitversatz</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="342" />
      <source>Height of the camera above the road</source>
      <translation>Höhe der Kamera über der Fahrbahn</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="348" />
      <source>Camera tilt below the horizon</source>
      <translation>Neigung der Kamera unter den Horizont</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="354" />
      <source>Horizontal field of view of the camera</source>
      <translation>Horizontaler Bildwinkel der Kamera</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="361" />
      <source>ONNX model (*.onnx)</source>
      <translation>ONNX-Modell (*.onnx)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="362" />
      <source>shipped model</source>
      <translation>mitgeliefertes Modell</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="363" />
      <source>Model (optional)</source>
      <translation>Modell (optional)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="370" />
      <source>Detect damage</source>
      <translation>Schäden erkennen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="387" />
      <source>Review</source>
      <translation>Prüfung</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="416" />
      <source>Min. confidence</source>
      <translation>Min. Konfidenz</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="489" />
      <source>Results</source>
      <translation>Ergebnisse</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="497" />
      <source>Line layer with a field 'name': street names and street condition.</source>
      <translation>Linienlayer mit einem Feld „name“: Straßennamen und Straßenzustand.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="500" />
      <source>Compute street condition</source>
      <translation>Straßenzustand berechnen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="501" />
      <source>Grade 1–5 per street segment from the confirmed damages.</source>
      <translation>Note 1–5 je Straßenabschnitt aus den bestätigten Schäden.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="592" />
      <source>Choose a photo folder and a damage store first.</source>
      <translation>Bitte zuerst einen Fotoordner und einen Schadensspeicher wählen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="629" />
      <source>Detecting road damage</source>
      <translation>Straßenschäden werden erkannt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="783" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="394" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="777" />
      <source>all</source>
      <translation>alle</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="1116" />
      <source>Exporting the maintenance list</source>
      <translation>Instandhaltungsliste wird exportiert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="65" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="393" />
      <source>unreviewed</source>
      <translation>ungeprüft</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="66" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="395" />
      <source>confirmed</source>
      <translation>bestätigt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="67" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="396" />
      <source>rejected</source>
      <translation>abgelehnt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="68" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="397" />
      <source>duplicate</source>
      <translation>Duplikat</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="73" />
      <source>minor</source>
      <translation>leicht</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="73" />
      <source>moderate</source>
      <translation>mittel</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="73" />
      <source>severe</source>
      <translation>schwer</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="355" />
      <source>Camera</source>
      <translation>Kamera</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="467" />
      <source>Confirm</source>
      <translation>Bestätigen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="468" />
      <source>Reject</source>
      <translation>Ablehnen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="469" />
      <source>Change class…</source>
      <translation>Klasse ändern…</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="470" />
      <source>Severity…</source>
      <translation>Schweregrad…</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="471" />
      <source>Comment…</source>
      <translation>Kommentar…</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="472" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="1050" />
      <source>Duplicate of…</source>
      <translation>Duplikat von…</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="473" />
      <source>Previous</source>
      <translation>Zurück</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="474" />
      <source>Next</source>
      <translation>Weiter</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="475" />
      <source>Undo</source>
      <translation>Rückgängig</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="504" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="1096" />
      <source>Export maintenance list</source>
      <translation>Instandhaltungsliste exportieren</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="507" />
      <source>CSV</source>
      <translation>CSV</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="507" />
      <source>Excel</source>
      <translation>Excel</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="507" />
      <source>GeoPackage</source>
      <translation>GeoPackage</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="509" />
      <source>Export the confirmed damages as a maintenance list (photo crops only).</source>
      <translation>Die bestätigten Schäden als Instandhaltungsliste exportieren (nur Fotoausschnitte).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="519" />
      <source>Road damage: confirm</source>
      <translation>Straßenschäden: bestätigen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="520" />
      <source>Road damage: reject</source>
      <translation>Straßenschäden: ablehnen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="521" />
      <source>Road damage: change class</source>
      <translation>Straßenschäden: Klasse ändern</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="522" />
      <source>Road damage: severity</source>
      <translation>Straßenschäden: Schweregrad</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="523" />
      <source>Road damage: comment</source>
      <translation>Straßenschäden: Kommentar</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="524" />
      <source>Road damage: duplicate of</source>
      <translation>Straßenschäden: Duplikat von</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="525" />
      <source>Road damage: previous damage</source>
      <translation>Straßenschäden: vorheriger Schaden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="526" />
      <source>Road damage: next damage</source>
      <translation>Straßenschäden: nächster Schaden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="527" />
      <source>Road damage: undo</source>
      <translation>Straßenschäden: rückgängig</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="569" />
      <source>Dashcam video</source>
      <translation>Dashcam-Video</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="570" />
      <source>Video file</source>
      <translation>Videodatei</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="571" />
      <source>GPX track</source>
      <translation>GPX-Track</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="577" />
      <source>GPX track (optional)</source>
      <translation>GPX-Track (optional)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="585" />
      <source>Choose a video file and a damage store first.</source>
      <translation>Bitte zuerst eine Videodatei und einen Schadensspeicher wählen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="589" />
      <location filename="../soest_qgis_plugin/roaddamage/ingest.py" line="427" />
      <source>A video needs a GPX track for the positions.</source>
      <translation>Ein Video braucht einen GPX-Track für die Positionen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="643" />
      <source>{frames} photos, {detections} detections, {damages} damages.</source>
      <translation>{frames} Fotos, {detections} Erkennungen, {damages} Schäden.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="840" />
      <source>No damage in the queue.</source>
      <translation>Keine Schäden in der Warteschlange.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="847" />
      <source>Damage {id}: {klass}, confidence {confidence:.2f}, views: {count}, status: {status}</source>
      <translation>Schaden {id}: {klass}, Konfidenz {confidence:.2f}, Ansichten: {count}, Status: {status}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="1015" />
      <source>Change class</source>
      <translation>Klasse ändern</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="1039" />
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="1039" />
      <location filename="../soest_qgis_plugin/roaddamage/exports.py" line="142" />
      <source>Comment</source>
      <translation>Kommentar</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="1050" />
      <source>Number of the damage this one duplicates</source>
      <translation>Nummer des Schadens, den dieser doppelt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="1067" />
      <source>Nothing to undo.</source>
      <translation>Nichts rückgängig zu machen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="1077" />
      <source>Choose a street layer (lines with a field 'name').</source>
      <translation>Bitte einen Straßenlayer wählen (Linien mit einem Feld „name“).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="1094" />
      <source>CSV (*.csv)</source>
      <translation>CSV (*.csv)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="1094" />
      <source>Excel (*.xlsx)</source>
      <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="734" />
      <source>{count} decisions pending: the server is unreachable; they are kept and written later.</source>
      <translation>{count} Entscheidungen ausstehend: Der Server ist nicht erreichbar; sie sind gesichert und werden später geschrieben.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="587" />
      <source>The video file does not exist: {path}</source>
      <translation>Die Videodatei existiert nicht: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="856" />
      <source>severity: {value}</source>
      <translation>Schweregrad: {value}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="860" />
      <source>duplicate of {id}</source>
      <translation>Duplikat von {id}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="1086" />
      <source>Street condition written to {path}</source>
      <translation>Straßenzustand geschrieben nach {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="1111" />
      <source>{count} confirmed damages exported to {path}</source>
      <translation>{count} bestätigte Schäden exportiert nach {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/dock.py" line="230" />
      <source>Photo not available: {path}</source>
      <translation>Foto nicht verfügbar: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/exports.py" line="134" />
      <source>Damage no.</source>
      <translation>Schaden-Nr.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/exports.py" line="136" />
      <source>Easting (EPSG:25832)</source>
      <translation>Rechtswert (EPSG:25832)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/exports.py" line="137" />
      <source>Northing (EPSG:25832)</source>
      <translation>Hochwert (EPSG:25832)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/exports.py" line="140" />
      <source>Reviewer</source>
      <translation>Prüfer</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/exports.py" line="141" />
      <source>Date</source>
      <translation>Datum</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/exports.py" line="143" />
      <source>Confidence</source>
      <translation>Konfidenz</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/exports.py" line="144" />
      <source>Photo crop</source>
      <translation>Fotoausschnitt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/exports.py" line="163" />
      <source>The store has no confirmed damages; the maintenance list is empty.</source>
      <translation>Der Speicher enthält keine bestätigten Schäden; die Instandhaltungsliste ist leer.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/exports.py" line="156" />
      <source>Unsupported export format {suffix}: use .csv, .xlsx or .gpkg.</source>
      <translation>Nicht unterstütztes Exportformat {suffix}: bitte .csv, .xlsx oder .gpkg verwenden.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/exports.py" line="96" />
      <source>No photo crop for damage {id}: {error}</source>
      <translation>Kein Fotoausschnitt für Schaden {id}: {error}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/ingest.py" line="388" />
      <source>None of the photos can be read.</source>
      <translation>Keines der Fotos kann gelesen werden.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/ingest.py" line="421" />
      <source>Reading videos needs OpenCV. Install the Python package: pip install opencv-python-headless</source>
      <translation>Zum Lesen von Videos wird OpenCV benötigt. Bitte das Python-Paket installieren: pip install opencv-python-headless</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/ingest.py" line="180" />
      <source>GPX track not found: {path}</source>
      <translation>GPX-Track nicht gefunden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/ingest.py" line="202" />
      <source>The GPX track has fewer than two points with a time stamp: {path}</source>
      <translation>Der GPX-Track hat weniger als zwei Punkte mit Zeitstempel: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/ingest.py" line="278" />
      <source>Photo folder not found: {path}</source>
      <translation>Fotoordner nicht gefunden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/ingest.py" line="288" />
      <source>No photos (JPEG/PNG) in the folder: {path}</source>
      <translation>Keine Fotos (JPEG/PNG) im Ordner: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/ingest.py" line="373" />
      <source>no GPS position and no time stamp to match the GPX track</source>
      <translation>keine GPS-Position und kein Zeitstempel zum Abgleich mit dem GPX-Track</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/ingest.py" line="404" />
      <source>None of the {count} photos has a position: they carry no GPS data and no matching GPX track was given.</source>
      <translation>Keines der {count} Fotos hat eine Position: Sie enthalten keine GPS-Daten, und es wurde kein passender GPX-Track angegeben.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/ingest.py" line="431" />
      <source>The video cannot be read: {path}</source>
      <translation>Das Video kann nicht gelesen werden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/ingest.py" line="184" />
      <source>The GPX track cannot be read: {path} ({error})</source>
      <translation>Der GPX-Track kann nicht gelesen werden: {path} ({error})</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/ingest.py" line="366" />
      <location filename="../soest_qgis_plugin/roaddamage/pipeline.py" line="232" />
      <source>Photo cannot be read and is skipped: {image} ({error})</source>
      <translation>Foto kann nicht gelesen werden und wird übersprungen: {image} ({error})</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/ingest.py" line="379" />
      <source>no GPS position in the photo and no GPX track given</source>
      <translation>keine GPS-Position im Foto und kein GPX-Track angegeben</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/ingest.py" line="460" />
      <source>no video frame at {seconds} s</source>
      <translation>kein Videobild bei {seconds} s</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/ingest.py" line="383" />
      <source>Photo has no position: {image} ({reason})</source>
      <translation>Foto hat keine Position: {image} ({reason})</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/ingest.py" line="393" />
      <source>The GPX track does not overlap the photos in time: track {start} – {end}, photos {first} – {last}. Check the clock offset.</source>
      <translation>Der GPX-Track überschneidet sich zeitlich nicht mit den Fotos: Track {start} – {end}, Fotos {first} – {last}. Bitte den Zeitversatz prüfen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/ingest.py" line="375" />
      <source>taken at {time}, outside the GPX track ({start} – {end})</source>
      <translation>aufgenommen um {time}, außerhalb des GPX-Tracks ({start} – {end})</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/layers.py" line="14" />
      <source>Survey photos</source>
      <translation>Erfassungsfotos</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/layers.py" line="15" />
      <source>Detections</source>
      <translation>Erkennungen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/layers.py" line="16" />
      <source>Road damages</source>
      <translation>Straßenschäden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/layers.py" line="17" />
      <source>Street condition</source>
      <translation>Straßenzustand</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/layers.py" line="53" />
      <source>Road damage: {name}</source>
      <translation>Straßenschäden: {name}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/layers.py" line="37" />
      <source>Layer {table} cannot be opened from {path}</source>
      <translation>Layer {table} kann nicht aus {path} geöffnet werden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/pending.py" line="52" />
      <source>{count} pending decisions written</source>
      <translation>{count} ausstehende Entscheidungen geschrieben</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/pending.py" line="54" />
      <source>{count} conflicts (not overwritten)</source>
      <translation>{count} Konflikte (nicht überschrieben)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/pending.py" line="56" />
      <source>{count} still pending</source>
      <translation>{count} noch ausstehend</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/pending.py" line="77" />
      <source>The journal of pending decisions cannot be opened: {path}</source>
      <translation>Das Journal der ausstehenden Entscheidungen kann nicht geöffnet werden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/pending.py" line="115" />
      <source>The decision could not be saved on this computer: {error}</source>
      <translation>Die Entscheidung konnte auf diesem Computer nicht gespeichert werden: {error}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/pipeline.py" line="136" />
      <source>{frames} photos processed, {detections} detections, {damages} damages ({rate:.1f} photos/s).</source>
      <translation>{frames} Fotos verarbeitet, {detections} Erkennungen, {damages} Schäden ({rate:.1f} Fotos/s).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/review.py" line="165" />
      <source>{done} of {total} reviewed</source>
      <translation>{done} von {total} geprüft</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/review.py" line="171" />
      <source>No damage selected.</source>
      <translation>Kein Schaden ausgewählt.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/review.py" line="208" />
      <source>Choose a damage class.</source>
      <translation>Bitte eine Schadensklasse wählen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/review.py" line="224" />
      <source>A damage cannot be a duplicate of itself.</source>
      <translation>Ein Schaden kann kein Duplikat von sich selbst sein.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/review.py" line="226" />
      <location filename="../soest_qgis_plugin/roaddamage/review.py" line="222" />
      <location filename="../soest_qgis_plugin/roaddamage/store.py" line="462" />
      <source>Damage {id} does not exist in the store.</source>
      <translation>Schaden {id} ist im Speicher nicht vorhanden.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/review.py" line="244" />
      <source>Unknown severity: {value}</source>
      <translation>Unbekannter Schweregrad: {value}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store.py" line="86" />
      <source>Damage store error in {path}: {error}</source>
      <translation>Fehler im Schadensspeicher {path}: {error}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store.py" line="74" />
      <source>The damage store is locked by another program: {path}. Close it there and try again.</source>
      <translation>Der Schadensspeicher ist von einem anderen Programm gesperrt: {path}. Bitte dort schließen und erneut versuchen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store.py" line="81" />
      <location filename="../soest_qgis_plugin/roaddamage/store.py" line="109" />
      <source>The damage store cannot be written (read-only or no permission): {path}</source>
      <translation>Der Schadensspeicher kann nicht geschrieben werden (schreibgeschützt oder keine Berechtigung): {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store.py" line="85" />
      <location filename="../soest_qgis_plugin/roaddamage/store.py" line="163" />
      <source>The file is not a damage store (GeoPackage): {path}</source>
      <translation>Die Datei ist kein Schadensspeicher (GeoPackage): {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store.py" line="104" />
      <source>Damage store not found: {path}</source>
      <translation>Schadensspeicher nicht gefunden: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store.py" line="169" />
      <source>The damage store was written by a newer plugin version (schema {version}).</source>
      <translation>Der Schadensspeicher wurde von einer neueren Plugin-Version geschrieben (Schema {version}).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store.py" line="465" />
      <source>Damage {id} was changed by someone else in the meantime; it has been reloaded.</source>
      <translation>Schaden {id} wurde zwischenzeitlich von jemand anderem geändert; er wurde neu geladen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store.py" line="508" />
      <source>Damage {id} was changed again in the meantime; the action cannot be undone.</source>
      <translation>Schaden {id} wurde inzwischen erneut geändert; die Aktion kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store_picker.py" line="85" />
      <source>Damage store (GeoPackage, .gpkg)</source>
      <translation>Schadensspeicher (GeoPackage, .gpkg)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store_picker.py" line="98" />
      <source>Load schemas</source>
      <translation>Schemas laden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store_picker.py" line="76" />
      <source>Store:</source>
      <translation>Speicher:</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store_picker.py" line="95" />
      <source>Schema:</source>
      <translation>Schema:</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store_picker.py" line="178" />
      <source>Choose a damage store (GeoPackage file).</source>
      <translation>Bitte einen Schadensspeicher (GeoPackage-Datei) wählen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store_picker.py" line="198" />
      <source>Opened: {path}</source>
      <translation>Geöffnet: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store_postgis.py" line="154" />
      <source>Damage {id}: already confirmed by {who} at {time}</source>
      <translation>Schaden {id}: bereits von {who} um {time} bestätigt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store_postgis.py" line="156" />
      <source>Damage {id}: already rejected by {who} at {time}</source>
      <translation>Schaden {id}: bereits von {who} um {time} abgelehnt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store_postgis.py" line="158" />
      <source>Damage {id}: already marked as a duplicate by {who} at {time}</source>
      <translation>Schaden {id}: bereits von {who} um {time} als Duplikat markiert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store_postgis.py" line="160" />
      <source>Damage {id}: already changed by {who} at {time}</source>
      <translation>Schaden {id}: bereits von {who} um {time} geändert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store_postgis.py" line="242" />
      <source>The database schema {schema} holds no damage store.</source>
      <translation>Das Datenbankschema {schema} enthält keinen Schadensspeicher.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store_postgis.py" line="278" />
      <source>The damage store is open read-only: {path}</source>
      <translation>Der Schadensspeicher ist nur lesend geöffnet: {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store_postgis.py" line="801" />
      <source>The database server cannot be reached: the decision on damage {id} is saved on this computer and will be written when the connection is back.</source>
      <translation>Der Datenbankserver ist nicht erreichbar: Die Entscheidung zu Schaden {id} ist auf diesem Computer gespeichert und wird geschrieben, sobald die Verbindung wieder besteht.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/roaddamage/store_postgis.py" line="827" />
      <source>Damage {id} is being reviewed by {who} (until {time}).</source>
      <translation>Schaden {id} wird gerade von {who} geprüft (bis {time}).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="21" />
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="321" />
      <source>Shuttle accessibility analysis</source>
      <translation>Shuttle-Barrierefreiheitsanalyse</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="22" />
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="504" />
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="89" />
      <source>Shuttle &amp; accessibility</source>
      <translation>Shuttle &amp; Barrierefreiheit</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="24" />
      <source>Overlays shuttle routes (GTFS feed as zip or folder, or a route line layer) with accessibility data and writes one GeoPackage: stop check (kerb height, tactile fields, step-free access, wheelchair boarding), barrier-aware walking catchments per profile, lost coverage, route slope, gap list and frequency per segment.</source>
      <translation>Überlagert Shuttle-Linien (GTFS-Feed als Zip oder Ordner oder ein Linienlayer) mit Daten zur Barrierefreiheit und schreibt ein GeoPackage: Haltestellen-Check (Bordhöhe, taktile Felder, stufenloser Zugang, Rollstuhl-Einstieg), barrierebewusste Fußwege-Einzugsbereiche je Profil, verlorene Abdeckung, Längsneigung der Strecke, Lückenliste und Takt je Abschnitt.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="47" />
      <source>Routes: GTFS feed (zip or folder) or route line layer file</source>
      <translation>Linien: GTFS-Feed (Zip oder Ordner) oder Datei mit Streckenlinien</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="50" />
      <source>Stops (for a route line layer)</source>
      <translation>Haltestellen (zu einem Streckenlinienlayer)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="54" />
      <source>Footway network (GeoPackage, line layer, .osm or .pbf)</source>
      <translation>Fußwegenetz (GeoPackage, Linienlayer, .osm oder .pbf)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="59" />
      <source>Survey GeoPackage (kerbs, crossings, obstacles)</source>
      <translation>Erhebungs-GeoPackage (Bordsteine, Querungen, Hindernisse)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="62" />
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="140" />
      <source>Terrain model (DGM1)</source>
      <translation>Geländemodell (DGM1)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="64" />
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="144" />
      <source>Buildings or addresses</source>
      <translation>Gebäude oder Adressen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="69" />
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="162" />
      <source>Profiles</source>
      <translation>Profile</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="78" />
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="164" />
      <source>Distance bands (m)</source>
      <translation>Entfernungsstufen (m)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="84" />
      <source>Maximum gradient of the vehicle (%)</source>
      <translation>Maximale Steigfähigkeit des Fahrzeugs (%)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="92" />
      <source>Day for frequencies (YYYYMMDD, empty = busiest)</source>
      <translation>Tag für den Takt (JJJJMMTT, leer = verkehrsreichster Tag)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="95" />
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="175" />
      <source>Time window</source>
      <translation>Zeitfenster</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="99" />
      <source>Output GeoPackage</source>
      <translation>Ausgabe-GeoPackage</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="111" />
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="69" />
      <source>No routes given (GTFS feed or line layer).</source>
      <translation>Keine Linien angegeben (GTFS-Feed oder Linienlayer).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="120" />
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="291" />
      <source>The time window must look like 06:00-20:00.</source>
      <translation>Das Zeitfenster muss die Form 06:00-20:00 haben.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="139" />
      <source>{stops} stops, {routes} routes, {gaps} gaps written to {path}</source>
      <translation>{stops} Haltestellen, {routes} Linien, {gaps} Lücken nach {path} geschrieben</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="70" />
      <location filename="../soest_qgis_plugin/shuttle/network.py" line="49" />
      <source>Unrestricted walking</source>
      <translation>Ohne Einschränkung</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="70" />
      <location filename="../soest_qgis_plugin/shuttle/network.py" line="50" />
      <source>Wheelchair</source>
      <translation>Rollstuhl</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="70" />
      <location filename="../soest_qgis_plugin/shuttle/network.py" line="51" />
      <source>Rollator</source>
      <translation>Rollator</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/algorithms.py" line="70" />
      <location filename="../soest_qgis_plugin/shuttle/network.py" line="52" />
      <source>Blind / low vision</source>
      <translation>Blind / sehbehindert</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="129" />
      <source>Reading routes and stops …</source>
      <translation>Linien und Haltestellen werden gelesen …</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="163" />
      <source>Checking the stops …</source>
      <translation>Haltestellen werden geprüft …</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="181" />
      <source>Building route geometries …</source>
      <translation>Streckengeometrien werden erzeugt …</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="234" />
      <source>Writing the GeoPackage …</source>
      <translation>GeoPackage wird geschrieben …</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="62" />
      <source>Distances must be between 1 and 5000 m.</source>
      <translation>Die Entfernungen müssen zwischen 1 und 5000 m liegen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="94" />
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="72" />
      <source>The route layer contains no lines.</source>
      <translation>Der Linienlayer enthält keine Linien.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="97" />
      <source>No stop layer given: the stops layer stays empty.</source>
      <translation>Kein Haltestellenlayer angegeben: Der Layer „stops“ bleibt leer.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="122" />
      <source>The output must be a GeoPackage (.gpkg).</source>
      <translation>Die Ausgabe muss ein GeoPackage (.gpkg) sein.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="139" />
      <source>Building the footway network …</source>
      <translation>Fußwegenetz wird aufgebaut …</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="150" />
      <source>Computing walking catchments …</source>
      <translation>Fußwege-Einzugsbereiche werden berechnet …</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="170" />
      <source>Counting reachable buildings …</source>
      <translation>Erreichbare Gebäude werden gezählt …</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="176" />
      <source>Ranking the gaps …</source>
      <translation>Lücken werden bewertet …</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="193" />
      <source>Sampling the terrain along the routes …</source>
      <translation>Gelände entlang der Strecken wird abgetastet …</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="227" />
      <source>Counting departures per segment …</source>
      <translation>Abfahrten je Abschnitt werden gezählt …</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="60" />
      <source>Distances must be numbers in metres, e.g. 300,500.</source>
      <translation>Die Entfernungen müssen Zahlen in Metern sein, z. B. 300,500.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="179" />
      <source>Buildings need a footway network for the coverage analysis.</source>
      <translation>Für die Abdeckungsanalyse der Gebäude wird ein Fußwegenetz benötigt.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="88" />
      <source>A GTFS feed brings its own stops; the stop layer is ignored.</source>
      <translation>Ein GTFS-Feed enthält eigene Haltestellen; der Haltestellenlayer wird ignoriert.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="146" />
      <source>Tag values that could not be read (treated as unknown): {values}</source>
      <translation>Nicht lesbare Tag-Werte (als unbekannt behandelt): {values}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="186" />
      <source>Route {route}: no shape and no network path, drawn as straight lines between stops.</source>
      <translation>Linie {route}: keine Shape-Daten und kein Weg im Netz, als gerade Linien zwischen den Haltestellen gezeichnet.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="158" />
      <source>Stop {name} ({id}): {status}</source>
      <translation>Haltestelle {name} ({id}): {status}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/analysis.py" line="219" />
      <source>Route {route}: {length} m without terrain data (gap in the profile).</source>
      <translation>Linie {route}: {length} m ohne Geländedaten (Lücke im Profil).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/catchments.py" line="30" />
      <source>reachable</source>
      <translation>erreichbar</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/catchments.py" line="31" />
      <source>not connected to the footway network</source>
      <translation>nicht an das Fußwegenetz angebunden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/catchments.py" line="32" />
      <source>on a part of the network not connected to the rest</source>
      <translation>auf einem vom übrigen Netz abgetrennten Teil</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/catchments.py" line="33" />
      <source>no passable way from the stop for this profile</source>
      <translation>für dieses Profil kein passierbarer Weg von der Haltestelle</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="47" />
      <source>Kerb</source>
      <translation>Bord</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="48" />
      <source>Field</source>
      <translation>Feld</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="49" />
      <source>Strip</source>
      <translation>Leitstr.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="50" />
      <source>Step-free</source>
      <translation>Stufenlos</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="51" />
      <source>GTFS</source>
      <translation>GTFS</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="90" />
      <source>Overlay shuttle routes with accessibility data and find the gaps.</source>
      <translation>Shuttle-Linien mit Daten zur Barrierefreiheit überlagern und die Lücken finden.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="117" />
      <source>Inputs</source>
      <translation>Eingaben</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="121" />
      <source>GTFS feed (*.zip *.txt);;Route lines (*.gpkg *.shp *.geojson)</source>
      <translation>GTFS-Feed (*.zip *.txt);;Streckenlinien (*.gpkg *.shp *.geojson)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="123" />
      <source>Folder…</source>
      <translation>Ordner…</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="124" />
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="262" />
      <source>Choose an unzipped GTFS folder</source>
      <translation>Entpackten GTFS-Ordner wählen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="131" />
      <source>A planned route as a line layer (instead of a GTFS feed)</source>
      <translation>Eine geplante Strecke als Linienlayer (statt eines GTFS-Feeds)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="132" />
      <source>or route layer</source>
      <translation>oder Streckenlayer</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="134" />
      <source>Stop layer</source>
      <translation>Haltestellenlayer</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="135" />
      <source>Footway network (*.gpkg *.osm *.pbf *.osm.gz *.shp *.geojson)</source>
      <translation>Fußwegenetz (*.gpkg *.osm *.pbf *.osm.gz *.shp *.geojson)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="136" />
      <source>Footway network</source>
      <translation>Fußwegenetz</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="137" />
      <source>Survey (*.gpkg)</source>
      <translation>Erhebung (*.gpkg)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="138" />
      <source>Survey</source>
      <translation>Erhebung</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="139" />
      <source>Terrain model (*.tif *.tiff *.hgt *.zip)</source>
      <translation>Geländemodell (*.tif *.tiff *.hgt *.zip)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="146" />
      <source>Result GeoPackage</source>
      <translation>Ergebnis-GeoPackage</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="150" />
      <source>Profiles and distances</source>
      <translation>Profile und Entfernungen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="170" />
      <source>Maximum gradient of the vehicle</source>
      <translation>Max. Steigung des Fahrzeugs</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="172" />
      <source>YYYYMMDD (empty = busiest day)</source>
      <translation>JJJJMMTT (leer = verkehrsreichster Tag)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="173" />
      <source>Day</source>
      <translation>Tag</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="180" />
      <source>Run analysis</source>
      <translation>Analyse starten</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="209" />
      <source>Double-click a row to show the stop on the map.</source>
      <translation>Doppelklick auf eine Zeile zeigt die Haltestelle in der Karte.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="210" />
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="271" />
      <source>Stop check</source>
      <translation>Haltestellen-Check</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="214" />
      <source>Buildings (residential) gained</source>
      <translation>Gewonnene Gebäude (Wohngebäude)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="221" />
      <source>Double-click a row to show the place on the map.</source>
      <translation>Doppelklick auf eine Zeile zeigt die Stelle in der Karte.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="225" />
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="277" />
      <source>Gap list</source>
      <translation>Lückenliste</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="227" />
      <source>No results yet.</source>
      <translation>Noch keine Ergebnisse.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="231" />
      <source>Coverage</source>
      <translation>Abdeckung</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="240" />
      <source>Elevation profile</source>
      <translation>Höhenprofil</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="319" />
      <source>Analysis running …</source>
      <translation>Analyse läuft …</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="484" />
      <source>Distance (km)</source>
      <translation>Entfernung (km)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="485" />
      <source>Height (m)</source>
      <translation>Höhe (m)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="128" />
      <source>GTFS feed or route file</source>
      <translation>GTFS-Feed oder Streckendatei</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="213" />
      <source>Improvement</source>
      <translation>Verbesserung</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="213" />
      <source>Gained</source>
      <translation>Gewinn</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="278" />
      <source>Choose a result GeoPackage.</source>
      <translation>Bitte ein Ergebnis-GeoPackage wählen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="427" />
      <source>Give a footway network and buildings for the coverage analysis.</source>
      <translation>Für die Abdeckungsanalyse ein Fußwegenetz und Gebäude angeben.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="199" />
      <source>Stop</source>
      <translation>Haltestelle</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="288" />
      <source>Choose a GTFS feed or a route layer.</source>
      <translation>Bitte einen GTFS-Feed oder einen Streckenlayer wählen.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="358" />
      <source>{stops} stops, {routes} routes, {gaps} gaps.</source>
      <translation>{stops} Haltestellen, {routes} Linien, {gaps} Lücken.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="364" />
      <source>Shuttle analysis written to {path}</source>
      <translation>Shuttle-Analyse gespeichert in {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="373" />
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="379" />
      <source>Nothing missing</source>
      <translation>Nichts fehlt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="412" />
      <source>Residential buildings within 300 m of a stop</source>
      <translation>Wohngebäude im Umkreis von 300 m einer Haltestelle</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="431" />
      <source>Stops not reachable:</source>
      <translation>Nicht erreichbare Haltestellen:</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="435" />
      <source>Unreadable tag values (unknown):</source>
      <translation>Nicht lesbare Tag-Werte (unbekannt):</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="439" />
      <source>Notes:</source>
      <translation>Hinweise:</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="447" />
      <source>Route {name} ({n})</source>
      <translation>Linie {name} ({n})</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="488" />
      <source>max. {slope} %, {steep} m steeper than {limit} %</source>
      <translation>max. {slope} %, {steep} m steiler als {limit} %</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="425" />
      <source>No building function found: all buildings counted.</source>
      <translation>Keine Gebäudefunktion gefunden: alle Gebäude gezählt.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/dock.py" line="429" />
      <source>Frequencies for {day}.</source>
      <translation>Takt für den {day}.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gaps.py" line="38" />
      <source>point {x:.0f}/{y:.0f}</source>
      <translation>Punkt {x:.0f}/{y:.0f}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gaps.py" line="168" />
      <source>Not wheelchair accessible: {place}</source>
      <translation>Nicht rollstuhlgerecht: {place}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gaps.py" line="120" />
      <source>Crossing at {place} without acoustic signal</source>
      <translation>Querung {place} ohne Akustiksignal</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gaps.py" line="151" />
      <source>Steps at {place} without ramp</source>
      <translation>Treppe an {place} ohne Rampe</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gaps.py" line="153" />
      <source>Kerb {height} cm at {place} → lower to 3 cm</source>
      <translation>Bordstein {height} cm an {place} → auf 3 cm absenken</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gaps.py" line="157" />
      <source>Step obstacle {height} cm at {place}</source>
      <translation>Stufe {height} cm an {place}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gaps.py" line="161" />
      <source>Incline {percent} % at {place}</source>
      <translation>Steigung {percent} % an {place}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gaps.py" line="165" />
      <source>Narrow way {width} m at {place}</source>
      <translation>Engstelle {width} m an {place}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gaps.py" line="167" />
      <source>Unsuitable surface at {place}</source>
      <translation>Ungeeigneter Belag an {place}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gaps.py" line="80" />
      <source>Stop {name}: kerb height {height} cm → {target} cm</source>
      <translation>Haltestelle {name}: Bordhöhe {height} cm → {target} cm</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gtfs.py" line="213" />
      <source>The GTFS feed has no stops; nothing was written.</source>
      <translation>Der GTFS-Feed enthält keine Haltestellen; es wurde nichts geschrieben.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gtfs.py" line="231" />
      <source>The feed has neither calendar.txt nor calendar_dates.txt: every trip counts as daily.</source>
      <translation>Der Feed hat weder calendar.txt noch calendar_dates.txt: Jede Fahrt gilt als täglich.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gtfs.py" line="110" />
      <source>Not a GTFS feed (neither a zip file nor a folder): {path}</source>
      <translation>Kein GTFS-Feed (weder Zip-Datei noch Ordner): {path}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gtfs.py" line="205" />
      <source>The GTFS feed {path} lacks the required file(s) {files}; nothing was written.</source>
      <translation>Dem GTFS-Feed {path} fehlt die Pflichtdatei bzw. fehlen die Pflichtdateien {files}; es wurde nichts geschrieben.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gtfs.py" line="263" />
      <source>{count} stop(s) without coordinates: {ids}</source>
      <translation>{count} Haltestelle(n) ohne Koordinaten: {ids}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gtfs.py" line="276" />
      <source>{count} stop(s) lie outside the area of the analysis (EPSG:25832) and are treated as stops without coordinates: {ids}</source>
      <translation>{count} Haltestelle(n) liegen außerhalb des Analysegebiets (EPSG:25832) und werden wie Haltestellen ohne Koordinaten behandelt: {ids}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gtfs.py" line="304" />
      <source>stop_times.txt refers to {count} unknown stop id(s): {ids}</source>
      <translation>stop_times.txt verweist auf {count} unbekannte Haltestellen-ID(s): {ids}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gtfs.py" line="331" />
      <source>{count} shape(s) lie outside the area of the analysis; their routes are built from the stops: {ids}</source>
      <translation>{count} Linienverläufe (shapes) liegen außerhalb des Analysegebiets; ihre Linien werden aus den Haltestellen gebildet: {ids}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gtfs.py" line="337" />
      <source>{count} shape(s) are empty or missing; their routes are built from the stops: {ids}</source>
      <translation>{count} Shape(s) leer oder fehlend; die Strecken werden aus den Haltestellen gebildet: {ids}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gtfs.py" line="347" />
      <source>{count} trip(s) have no stop times: {ids}</source>
      <translation>{count} Fahrt(en) ohne Haltezeiten: {ids}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gtfs.py" line="122" />
      <source>The GTFS zip file is damaged: {path} ({error})</source>
      <translation>Die GTFS-ZIP-Datei ist beschädigt: {path} ({error})</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/gtfs.py" line="188" />
      <source>The GTFS feed {name} lies outside the area of the analysis: its stops lie around latitude {lat}°, longitude {lon}°. The analysis works in EPSG:25832 (UTM zone 32) and needs data between 0° and 18° east and 35° and 85° north; nothing was written.</source>
      <translation>Der GTFS-Feed {name} liegt außerhalb des Analysegebiets: Seine Haltestellen liegen bei etwa {lat}° Breite, {lon}° Länge. Die Analyse rechnet in EPSG:25832 (UTM-Zone 32) und braucht Daten zwischen 0° und 18° östlicher Länge sowie 35° und 85° nördlicher Breite; es wurde nichts geschrieben.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/network.py" line="237" />
      <source>The footway network contains no usable lines.</source>
      <translation>Das Fußwegenetz enthält keine verwendbaren Linien.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/network.py" line="620" />
      <source>{count} line(s) of the footway network lie outside the area of the analysis and are ignored.</source>
      <translation>{count} Linie(n) des Fußwegenetzes liegen außerhalb des Analysegebiets und werden ignoriert.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/network.py" line="689" />
      <location filename="../soest_qgis_plugin/shuttle/network.py" line="686" />
      <source>Cannot open the footway network {path}: {error}</source>
      <translation>Das Fußwegenetz {path} kann nicht geöffnet werden: {error}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/network.py" line="702" />
      <source>No line layer found in {path}.</source>
      <translation>In {path} wurde kein Linienlayer gefunden.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/network.py" line="70" />
      <source>Unknown profile: {name}</source>
      <translation>Unbekanntes Profil: {name}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/network.py" line="613" />
      <source>The footway network {path} lies outside the area of the analysis: its ways lie around latitude {lat}°, longitude {lon}°. The analysis works in EPSG:25832 (UTM zone 32) and needs data between 0° and 18° east and 35° and 85° north.</source>
      <translation>Das Fußwegenetz {path} liegt außerhalb des Analysegebiets: Seine Wege liegen bei etwa {lat}° Breite, {lon}° Länge. Die Analyse rechnet in EPSG:25832 (UTM-Zone 32) und braucht Daten zwischen 0° und 18° östlicher Länge sowie 35° und 85° nördlicher Breite.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/network.py" line="708" />
      <source>The footway network {path} contains no walkable ways (lines tagged highway=footway, path, pedestrian, steps, residential …).</source>
      <translation>Das Fußwegenetz {path} enthält keine begehbaren Wege (Linien mit highway=footway, path, pedestrian, steps, residential …).</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/network.py" line="1199" />
      <source>Cannot open the survey {path}: {error}</source>
      <translation>Die Erhebung {path} kann nicht geöffnet werden: {error}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/slope.py" line="75" />
      <source>rasterio is needed for the slope analysis: pip install rasterio</source>
      <translation>Für die Neigungsanalyse wird rasterio benötigt: pip install rasterio</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/slope.py" line="63" />
      <source>The zip file {path} contains no elevation raster.</source>
      <translation>Die Zip-Datei {path} enthält kein Höhenraster.</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/slope.py" line="81" />
      <source>Cannot open the terrain model {path}: {error}</source>
      <translation>Das Geländemodell {path} kann nicht geöffnet werden: {error}</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="100" />
      <source>boarding kerb height not surveyed</source>
      <translation>Bordhöhe nicht erfasst</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="108" />
      <source>no tactile boarding field (DIN 32984)</source>
      <translation>kein taktiles Einstiegsfeld (DIN 32984)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="108" />
      <source>tactile boarding field not surveyed</source>
      <translation>taktiles Einstiegsfeld nicht erfasst</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="109" />
      <source>no tactile guide strip (DIN 32984)</source>
      <translation>kein taktiler Leitstreifen (DIN 32984)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="109" />
      <source>tactile guide strip not surveyed</source>
      <translation>taktiler Leitstreifen nicht erfasst</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="144" />
      <source>GTFS pathways: stairs without lift or ramp</source>
      <translation>GTFS-Wege: Treppe ohne Aufzug oder Rampe</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="149" />
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="154" />
      <source>step-free access unknown (no footway network)</source>
      <translation>stufenloser Zugang unbekannt (kein Fußwegenetz)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="157" />
      <source>stop is not connected to the footway network</source>
      <translation>Haltestelle ist nicht an das Fußwegenetz angebunden</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="160" />
      <source>stop lies on a part of the footway network cut off from the rest</source>
      <translation>Haltestelle liegt auf einem vom übrigen Fußwegenetz abgetrennten Teil</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="163" />
      <source>no step-free way away from the stop</source>
      <translation>kein stufenloser Weg von der Haltestelle weg</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="130" />
      <source>GTFS: boarding with a wheelchair is not possible</source>
      <translation>GTFS: Einstieg mit Rollstuhl nicht möglich</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="133" />
      <source>GTFS: wheelchair boarding not specified</source>
      <translation>GTFS: Rollstuhl-Einstieg nicht angegeben</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="148" />
      <source>stop has no coordinates</source>
      <translation>Haltestelle hat keine Koordinaten</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="173" />
      <source>only {share} % of the footways within 300 m are reachable step-free</source>
      <translation>nur {share} % der Fußwege im Umkreis von 300 m sind stufenlos erreichbar</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/stopcheck.py" line="105" />
      <source>boarding kerb {height} cm (level boarding needs 18–22 cm)</source>
      <translation>Bordhöhe {height} cm (niveaugleicher Einstieg braucht 18–22 cm)</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="138" />
      <source>A – all criteria passed</source>
      <translation>A – alle Kriterien erfüllt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="139" />
      <source>B – nothing failed, some unknown</source>
      <translation>B – nichts verfehlt, manches unbekannt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="140" />
      <source>C – one criterion failed</source>
      <translation>C – ein Kriterium nicht erfüllt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="141" />
      <source>D – several criteria failed</source>
      <translation>D – mehrere Kriterien nicht erfüllt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="142" />
      <source>? – no data</source>
      <translation>? – keine Daten</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="67" />
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="126" />
      <source>Kerb height</source>
      <translation>Bordhöhe</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="76" />
      <source>Departures in the time window</source>
      <translation>Fahrten im Zeitfenster</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="77" />
      <source>Length</source>
      <translation>Länge</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="78" />
      <source>Steepest gradient</source>
      <translation>Größte Steigung</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="86" />
      <source>Buildings reached</source>
      <translation>Erreichbare Gebäude</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="86" />
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="96" />
      <source>residential</source>
      <translation>Wohngebäude</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="91" />
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="274" />
      <source>Lost coverage</source>
      <translation>Verlorene Abdeckung</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="91" />
      <source>Buildings not reachable</source>
      <translation>Nicht erreichbare Gebäude</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="96" />
      <source>Buildings gained</source>
      <translation>Zusätzlich erreichbare Gebäude</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="111" />
      <source>departures</source>
      <translation>Fahrten</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="111" />
      <source>per hour</source>
      <translation>je Stunde</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="114" />
      <source>Obstacle</source>
      <translation>Hindernis</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="121" />
      <source>Crossing</source>
      <translation>Querung</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="122" />
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="243" />
      <source>Acoustic signal</source>
      <translation>Akustiksignal</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="124" />
      <source>Tactile paving</source>
      <translation>Bodenindikatoren</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="130" />
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="281" />
      <source>Tactile guidance</source>
      <translation>Bodenleitsystem</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="272" />
      <source>Shuttle routes</source>
      <translation>Shuttle-Linien</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="273" />
      <source>Catchments</source>
      <translation>Einzugsbereiche</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="275" />
      <source>Reached footways</source>
      <translation>Erreichte Wege</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="276" />
      <source>Gradient sections</source>
      <translation>Steigungsabschnitte</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="278" />
      <source>Departures per segment</source>
      <translation>Takt je Abschnitt</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="279" />
      <source>Obstacles</source>
      <translation>Hindernisse</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="280" />
      <source>Crossings</source>
      <translation>Querungen</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="103" />
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="212" />
      <source>Steeper than the vehicle can climb</source>
      <translation>Steiler als das Fahrzeug fahren kann</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="104" />
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="217" />
      <source>No terrain data</source>
      <translation>Keine Geländedaten</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="105" />
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="219" />
      <source>Gradient within limits</source>
      <translation>Steigung im zulässigen Bereich</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="69" />
      <source>Missing:</source>
      <translation>Fehlt:</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="224" />
      <source>Stop kerb</source>
      <translation>Bordstein an der Haltestelle</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="224" />
      <source>Steps without ramp</source>
      <translation>Treppe ohne Rampe</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="224" />
      <source>High kerb</source>
      <translation>Hoher Bordstein</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="225" />
      <source>Step obstacle</source>
      <translation>Stufe</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="225" />
      <source>Steep way</source>
      <translation>Steiler Weg</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="225" />
      <source>Narrow way</source>
      <translation>Engstelle</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="226" />
      <source>Unsuitable surface</source>
      <translation>Ungeeigneter Belag</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="226" />
      <source>Not wheelchair accessible</source>
      <translation>Nicht rollstuhlgerecht</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="227" />
      <source>Crossing without acoustic signal</source>
      <translation>Querung ohne Akustiksignal</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="244" />
      <source>No acoustic signal</source>
      <translation>Kein Akustiksignal</translation>
    </message>
    <message>
      <location filename="../soest_qgis_plugin/shuttle/styles.py" line="245" />
      <source>Not surveyed</source>
      <translation>Nicht erfasst</translation>
    </message>
  </context>
</TS>
