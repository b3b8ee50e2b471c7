import GGMSCommands

GGMS.main()
