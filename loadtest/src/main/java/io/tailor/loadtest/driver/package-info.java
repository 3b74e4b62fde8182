/**
 * The load driver: the open model's timetable (Schedule), which request goes out when and how it is timed
 * (Dispatcher), raw HTTP/1.1 on Netty (HttpLoadDriver), and HdrHistogram recorders.
 * <p>
 * A leaf of the load test: the JDK, Netty and HdrHistogram only.
 */
package io.tailor.loadtest.driver;
