<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" readOnly="0" styleCategories="AllStyleCategories" simplifyDrawingTol="1" labelsEnabled="0" simplifyDrawingHints="1" minScale="100000000" simplifyMaxScale="1" hasScaleBasedVisibilityFlag="0" symbologyReferenceScale="-1" simplifyAlgorithm="0" maxScale="0" simplifyLocal="1">
  <renderer-3d type="vector" layer="">
    <vector-layer-3d-tiling show-bounding-boxes="0" zoom-levels-count="3"/>
    <symbol type="polygon" material_type="phong">
      <data rendered-facade="3" add-back-faces="0" height="0" extrusion-height="5" alt-binding="centroid" culling-mode="no-culling" invert-normals="0" alt-clamping="absolute"/>
      <material ambient="26,26,26,255" diffuse="178,178,178,255" shininess="0" specular="255,255,255,255">
        <data-defined-properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""/>
            <Option name="properties"/>
            <Option name="type" type="QString" value="collection"/>
          </Option>
        </data-defined-properties>
      </material>
      <data-defined-properties>
        <Option type="Map">
          <Option name="name" type="QString" value=""/>
          <Option name="properties" type="Map">
            <Option name="extrusionHeight" type="Map">
              <Option name="active" type="bool" value="true"/>
              <Option name="field" type="QString" value="measured_height"/>
              <Option name="type" type="int" value="2"/>
            </Option>
            <Option name="height" type="Map">
              <Option name="active" type="bool" value="true"/>
              <Option name="field" type="QString" value="ground_z"/>
              <Option name="type" type="int" value="2"/>
            </Option>
          </Option>
          <Option name="type" type="QString" value="collection"/>
        </Option>
      </data-defined-properties>
      <edges width="1" enabled="0" color="0,0,0,255"/>
    </symbol>
  </renderer-3d>
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal fixedDuration="0" startField="" startExpression="" endExpression="" enabled="0" mode="0" limitMode="0" durationField="" durationUnit="min" endField="" accumulate="0">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <renderer-v2 forceraster="0" attr="CASE WHEN function_code IN ('31001_2463','31001_2723','31001_1313','31001_2460','31001_2461','31001_2462','31001_2464','31001_2465') THEN 'garage' WHEN left(function_code, 7) = '31001_1' OR function_code IN ('31001_2310','31001_2320','31001_3100') THEN 'residential' WHEN left(function_code, 7) = '31001_2' THEN 'commercial' WHEN left(function_code, 7) = '31001_3' THEN 'public' ELSE 'other' END" type="categorizedSymbol" referencescale="-1" enableorderby="0" symbollevels="0">
    <categories>
      <category symbol="0" label="Wohnen" render="true" value="residential"/>
      <category symbol="1" label="Handel, Gewerbe und Industrie" render="true" value="commercial"/>
      <category symbol="2" label="Öffentliche Gebäude" render="true" value="public"/>
      <category symbol="3" label="Garagen und Nebengebäude" render="true" value="garage"/>
      <category symbol="4" label="Sonstige" render="true" value="other"/>
    </categories>
    <symbols>
      <symbol name="0" clip_to_extent="1" type="fill" force_rhr="0" alpha="1">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""/>
            <Option name="properties"/>
            <Option name="type" type="QString" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer pass="0" enabled="1" locked="0" class="SimpleFill">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
            <Option name="color" type="QString" value="232,176,75,255"/>
            <Option name="joinstyle" type="QString" value="bevel"/>
            <Option name="offset" type="QString" value="0,0"/>
            <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
            <Option name="offset_unit" type="QString" value="MM"/>
            <Option name="outline_color" type="QString" value="77,77,77,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.2"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
          <prop v="3x:0,0,0,0,0,0" k="border_width_map_unit_scale"/>
          <prop v="232,176,75,255" k="color"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="77,77,77,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0.2" k="outline_width"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="solid" k="style"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol name="1" clip_to_extent="1" type="fill" force_rhr="0" alpha="1">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""/>
            <Option name="properties"/>
            <Option name="type" type="QString" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer pass="0" enabled="1" locked="0" class="SimpleFill">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
            <Option name="color" type="QString" value="155,111,194,255"/>
            <Option name="joinstyle" type="QString" value="bevel"/>
            <Option name="offset" type="QString" value="0,0"/>
            <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
            <Option name="offset_unit" type="QString" value="MM"/>
            <Option name="outline_color" type="QString" value="77,77,77,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.2"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
          <prop v="3x:0,0,0,0,0,0" k="border_width_map_unit_scale"/>
          <prop v="155,111,194,255" k="color"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="77,77,77,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0.2" k="outline_width"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="solid" k="style"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol name="2" clip_to_extent="1" type="fill" force_rhr="0" alpha="1">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""/>
            <Option name="properties"/>
            <Option name="type" type="QString" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer pass="0" enabled="1" locked="0" class="SimpleFill">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
            <Option name="color" type="QString" value="217,84,77,255"/>
            <Option name="joinstyle" type="QString" value="bevel"/>
            <Option name="offset" type="QString" value="0,0"/>
            <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
            <Option name="offset_unit" type="QString" value="MM"/>
            <Option name="outline_color" type="QString" value="77,77,77,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.2"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
          <prop v="3x:0,0,0,0,0,0" k="border_width_map_unit_scale"/>
          <prop v="217,84,77,255" k="color"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="77,77,77,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0.2" k="outline_width"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="solid" k="style"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol name="3" clip_to_extent="1" type="fill" force_rhr="0" alpha="1">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""/>
            <Option name="properties"/>
            <Option name="type" type="QString" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer pass="0" enabled="1" locked="0" class="SimpleFill">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
            <Option name="color" type="QString" value="158,158,158,255"/>
            <Option name="joinstyle" type="QString" value="bevel"/>
            <Option name="offset" type="QString" value="0,0"/>
            <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
            <Option name="offset_unit" type="QString" value="MM"/>
            <Option name="outline_color" type="QString" value="77,77,77,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.2"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
          <prop v="3x:0,0,0,0,0,0" k="border_width_map_unit_scale"/>
          <prop v="158,158,158,255" k="color"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="77,77,77,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0.2" k="outline_width"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="solid" k="style"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol name="4" clip_to_extent="1" type="fill" force_rhr="0" alpha="1">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""/>
            <Option name="properties"/>
            <Option name="type" type="QString" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer pass="0" enabled="1" locked="0" class="SimpleFill">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
            <Option name="color" type="QString" value="106,166,200,255"/>
            <Option name="joinstyle" type="QString" value="bevel"/>
            <Option name="offset" type="QString" value="0,0"/>
            <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
            <Option name="offset_unit" type="QString" value="MM"/>
            <Option name="outline_color" type="QString" value="77,77,77,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.2"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
          <prop v="3x:0,0,0,0,0,0" k="border_width_map_unit_scale"/>
          <prop v="106,166,200,255" k="color"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="77,77,77,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0.2" k="outline_width"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="solid" k="style"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
    </symbols>
    <rotation/>
    <sizescale/>
  </renderer-v2>
  <customproperties>
    <Option/>
  </customproperties>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
  <geometryOptions geometryPrecision="0" removeDuplicateNodes="0">
    <activeChecks type="StringList">
      <Option type="QString" value=""/>
    </activeChecks>
    <checkConfiguration/>
  </geometryOptions>
  <legend showLabelLegend="0" type="default-vector"/>
  <referencedLayers/>
  <fieldConfiguration>
    <field name="fid" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="gml_id" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="tile" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="source_file" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="function_code" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="function_label" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="roof_type_code" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="roof_type_label" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="measured_height" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="storeys" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="street" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="house_number" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="postal_code" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="locality" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="address" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="year_of_construction" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="data_source" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="footprint_area" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="roof_area" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="wall_area" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="volume" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="ground_z" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="min_z" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="max_z" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="lod" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="part_ids" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="source_crs" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="attributes" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias name="" index="0" field="fid"/>
    <alias name="" index="1" field="gml_id"/>
    <alias name="" index="2" field="tile"/>
    <alias name="" index="3" field="source_file"/>
    <alias name="" index="4" field="function_code"/>
    <alias name="" index="5" field="function_label"/>
    <alias name="" index="6" field="roof_type_code"/>
    <alias name="" index="7" field="roof_type_label"/>
    <alias name="" index="8" field="measured_height"/>
    <alias name="" index="9" field="storeys"/>
    <alias name="" index="10" field="street"/>
    <alias name="" index="11" field="house_number"/>
    <alias name="" index="12" field="postal_code"/>
    <alias name="" index="13" field="locality"/>
    <alias name="" index="14" field="address"/>
    <alias name="" index="15" field="year_of_construction"/>
    <alias name="" index="16" field="data_source"/>
    <alias name="" index="17" field="footprint_area"/>
    <alias name="" index="18" field="roof_area"/>
    <alias name="" index="19" field="wall_area"/>
    <alias name="" index="20" field="volume"/>
    <alias name="" index="21" field="ground_z"/>
    <alias name="" index="22" field="min_z"/>
    <alias name="" index="23" field="max_z"/>
    <alias name="" index="24" field="lod"/>
    <alias name="" index="25" field="part_ids"/>
    <alias name="" index="26" field="source_crs"/>
    <alias name="" index="27" field="attributes"/>
  </aliases>
  <defaults>
    <default expression="" field="fid" applyOnUpdate="0"/>
    <default expression="" field="gml_id" applyOnUpdate="0"/>
    <default expression="" field="tile" applyOnUpdate="0"/>
    <default expression="" field="source_file" applyOnUpdate="0"/>
    <default expression="" field="function_code" applyOnUpdate="0"/>
    <default expression="" field="function_label" applyOnUpdate="0"/>
    <default expression="" field="roof_type_code" applyOnUpdate="0"/>
    <default expression="" field="roof_type_label" applyOnUpdate="0"/>
    <default expression="" field="measured_height" applyOnUpdate="0"/>
    <default expression="" field="storeys" applyOnUpdate="0"/>
    <default expression="" field="street" applyOnUpdate="0"/>
    <default expression="" field="house_number" applyOnUpdate="0"/>
    <default expression="" field="postal_code" applyOnUpdate="0"/>
    <default expression="" field="locality" applyOnUpdate="0"/>
    <default expression="" field="address" applyOnUpdate="0"/>
    <default expression="" field="year_of_construction" applyOnUpdate="0"/>
    <default expression="" field="data_source" applyOnUpdate="0"/>
    <default expression="" field="footprint_area" applyOnUpdate="0"/>
    <default expression="" field="roof_area" applyOnUpdate="0"/>
    <default expression="" field="wall_area" applyOnUpdate="0"/>
    <default expression="" field="volume" applyOnUpdate="0"/>
    <default expression="" field="ground_z" applyOnUpdate="0"/>
    <default expression="" field="min_z" applyOnUpdate="0"/>
    <default expression="" field="max_z" applyOnUpdate="0"/>
    <default expression="" field="lod" applyOnUpdate="0"/>
    <default expression="" field="part_ids" applyOnUpdate="0"/>
    <default expression="" field="source_crs" applyOnUpdate="0"/>
    <default expression="" field="attributes" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint notnull_strength="1" constraints="3" unique_strength="1" exp_strength="0" field="fid"/>
    <constraint notnull_strength="1" constraints="3" unique_strength="1" exp_strength="0" field="gml_id"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="tile"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="source_file"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="function_code"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="function_label"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="roof_type_code"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="roof_type_label"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="measured_height"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="storeys"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="street"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="house_number"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="postal_code"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="locality"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="address"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="year_of_construction"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="data_source"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="footprint_area"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="roof_area"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="wall_area"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="volume"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="ground_z"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="min_z"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="max_z"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="lod"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="part_ids"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="source_crs"/>
    <constraint notnull_strength="0" constraints="0" unique_strength="0" exp_strength="0" field="attributes"/>
  </constraints>
  <constraintExpressions>
    <constraint exp="" desc="" field="fid"/>
    <constraint exp="" desc="" field="gml_id"/>
    <constraint exp="" desc="" field="tile"/>
    <constraint exp="" desc="" field="source_file"/>
    <constraint exp="" desc="" field="function_code"/>
    <constraint exp="" desc="" field="function_label"/>
    <constraint exp="" desc="" field="roof_type_code"/>
    <constraint exp="" desc="" field="roof_type_label"/>
    <constraint exp="" desc="" field="measured_height"/>
    <constraint exp="" desc="" field="storeys"/>
    <constraint exp="" desc="" field="street"/>
    <constraint exp="" desc="" field="house_number"/>
    <constraint exp="" desc="" field="postal_code"/>
    <constraint exp="" desc="" field="locality"/>
    <constraint exp="" desc="" field="address"/>
    <constraint exp="" desc="" field="year_of_construction"/>
    <constraint exp="" desc="" field="data_source"/>
    <constraint exp="" desc="" field="footprint_area"/>
    <constraint exp="" desc="" field="roof_area"/>
    <constraint exp="" desc="" field="wall_area"/>
    <constraint exp="" desc="" field="volume"/>
    <constraint exp="" desc="" field="ground_z"/>
    <constraint exp="" desc="" field="min_z"/>
    <constraint exp="" desc="" field="max_z"/>
    <constraint exp="" desc="" field="lod"/>
    <constraint exp="" desc="" field="part_ids"/>
    <constraint exp="" desc="" field="source_crs"/>
    <constraint exp="" desc="" field="attributes"/>
  </constraintExpressions>
  <expressionfields/>
  <attributeactions/>
  <attributetableconfig sortOrder="0" actionWidgetStyle="dropDown" sortExpression="">
    <columns/>
  </attributetableconfig>
  <conditionalstyles>
    <rowstyles/>
    <fieldstyles/>
  </conditionalstyles>
  <storedexpressions/>
  <editform tolerant="1"></editform>
  <editforminit/>
  <editforminitcodesource>0</editforminitcodesource>
  <editforminitfilepath></editforminitfilepath>
  <editforminitcode><![CDATA[]]></editforminitcode>
  <featformsuppress>0</featformsuppress>
  <editorlayout>generatedlayout</editorlayout>
  <editable/>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression></previewExpression>
  <mapTip></mapTip>
  <layerGeometryType>2</layerGeometryType>
</qgis>
