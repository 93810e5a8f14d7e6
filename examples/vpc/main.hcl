# A private service: its outbound traffic leaves through a VPC connector, and it is reachable
# only from inside a VPC through an ingress connection on an interface endpoint.

provider "apprunner" {
  region = "eu-west-1"
}

variable "subnets" {
  type    = list(string)
  default = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
}

resource "apprunner_vpc_connector" "egress" {
  vpc_connector_name = "private-egress"
  subnets            = var.subnets
  security_groups    = ["sg-0a1b2c3d4e5f60001"]
}

resource "apprunner_service" "internal" {
  service_name = "internal-api"

  source_configuration {
    auto_deployments_enabled = false
    image_repository {
      image_identifier      = "public.ecr.aws/nginx/nginx:latest"
      image_repository_type = "ECR_PUBLIC"
    }
  }

  network_configuration {
    egress_configuration {
      egress_type       = "VPC"
      vpc_connector_arn = apprunner_vpc_connector.egress.arn
    }
    ingress_configuration {
      is_publicly_accessible = false
    }
  }
}

resource "apprunner_vpc_ingress_connection" "internal" {
  vpc_ingress_connection_name = "internal-api-ingress"
  service_arn                 = apprunner_service.internal.arn

  ingress_vpc_configuration {
    vpc_id          = "vpc-0a1b2c3d4e5f60001"
    vpc_endpoint_id = "vpce-0a1b2c3d4e5f60001"
  }
}

output "private_domain" {
  value = apprunner_vpc_ingress_connection.internal.domain_name
}
