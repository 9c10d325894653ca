package main

// recoveredHelp is the retry line of the help of a create.
const recoveredHelp = "When its answer is lost (a broken connection, a 5xx, --timeout after it was sent), the " +
	"connection is looked up by name: exactly one with the same VPC and subnet, made since the command began, " +
	"is printed as the answer (exit 0, and a note on stderr); when there is none the create is sent again if " +
	"the failure allows it, else the command says that nothing was created (exit 1); anything else is never " +
	"taken as this command's connection and is named (exit 1)."
