package org.khanaen.platform.jobs;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param nodeName how this node signs the job leases it holds (the shedlock table's locked_by). Unique per node: a
 *                 node releases only a lease signed with its own name, so two nodes on one machine must not share
 *                 one. Default: host name and process id.
 */
@ConfigurationProperties("khanaen.jobs")
public record ClusterJobsProperties(String nodeName) {

    public ClusterJobsProperties {
        if (nodeName == null || nodeName.isBlank()) {
            nodeName = hostName() + "-" + ManagementFactory.getRuntimeMXBean().getPid();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
