"""netzwerktimer: the events of the Thuringian business networks in one catalog."""
