GGMS.main()
