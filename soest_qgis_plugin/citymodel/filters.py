"""The dock's building search as SQL, shared by the GeoPackage and the PostGIS store."""


def is_house_number(word):
    """ "12", "12a", "3-5" are house numbers; a five-digit postcode is not."""
    return word[:1].isdigit() and len(word) <= 6 and not (len(word) == 5 and word.isdigit())


def address_clauses(text, exact_match_exists, like="LIKE"):
    """(clauses, args) for the address search: an address picked from the completion list matches
    exactly; typed words match house numbers whole and everything else as a substring of the
    address or gml:id. Placeholders are ``?`` (the stores translate them)."""
    text = (text or "").strip()
    if text and exact_match_exists(text):
        return ["address = ?"], [text]
    clauses, args = [], []
    for word in text.replace(",", " ").split():
        if is_house_number(word):
            clauses.append("lower(house_number) = lower(?)")
            args.append(word)
        else:
            clauses.append(f"(address {like} ? OR gml_id {like} ?)")
            args.extend([f"%{word}%", f"%{word}%"])
    return clauses, args


def filter_where(filters, exact_match_exists, like="LIKE"):
    """(where or None, args) for the dock's filters: address, function_label, roof_type_label,
    tile (exact) and height_min/height_max (measured height); each optional."""
    clauses, args = address_clauses(filters.get("address"), exact_match_exists, like)
    for column in ("function_label", "roof_type_label", "tile"):
        if filters.get(column):
            clauses.append(f"{column} = ?")
            args.append(filters[column])
    for key, operator in (("height_min", ">="), ("height_max", "<=")):
        if filters.get(key) is not None:
            clauses.append(f"measured_height {operator} ?")
            args.append(float(filters[key]))
    return (" AND ".join(clauses) if clauses else None), args
