from newsdigest.cli import main

main()
