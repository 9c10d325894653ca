//go:build unix

package jsondec_test

import "syscall"

// cpuTime is the CPU time the process has used, user and system, garbage collector included:
// unlike the wall time of a benchmark, it does not grow when other processes take the CPUs.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
