@_exported import GameCore
