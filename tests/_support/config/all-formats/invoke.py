format = "python"
