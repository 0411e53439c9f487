$version: "2"

string Name
