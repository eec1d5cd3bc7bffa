"""A stand-in for QGIS's shortcut manager in tests with pytest-qgis's fake iface."""


class ShortcutRegistry:
    """Records registerMainWindowAction / unregisterMainWindowAction like QGIS's shortcut manager."""

    def __init__(self):
        self.registered = {}

    def register(self, action, shortcut):
        self.registered[id(action)] = (action, shortcut)
        return True

    def unregister(self, action):
        return self.registered.pop(id(action), None) is not None
